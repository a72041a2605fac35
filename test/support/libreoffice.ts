/**
 * LibreOffice for tests that check a file the way another office suite saves or prints it.
 * scripts/ensure-libreoffice.js installs it before the unit tests when missing (as root);
 * elsewhere these tests fail with the command to run, never skip silently.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const SOFFICE = process.env.SOFFICE_PATH || "/usr/bin/soffice";

export function requireSoffice(): string {
  if (!fs.existsSync(SOFFICE)) {
    throw new Error(`LibreOffice is needed and was not found at ${SOFFICE}. Install it with: apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils`);
  }
  return SOFFICE;
}

/**
 * Converts `input` with LibreOffice into `outDir` (e.g. to "xlsx:Calc MS Excel 2007 XML" or
 * "pdf") and returns the path of the result. Each call gets its own profile, so parallel test
 * workers do not share one.
 */
export function sofficeConvert(input: string, to: string, outDir: string): string {
  const soffice = requireSoffice();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "quota-lo-"));
  try {
    const r = spawnSync(soffice, [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", to, "--outdir", outDir, input], {
      encoding: "utf8",
      timeout: 120_000,
    });
    const ext = to.split(":")[0];
    const out = path.join(outDir, `${path.basename(input, path.extname(input))}.${ext}`);
    if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`LibreOffice could not convert ${input} to ${to}: ${r.stderr || r.stdout}`);
    return out;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
