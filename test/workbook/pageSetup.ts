/**
 * Reading a sheet's print settings back, independently of the adapters: from a saved .xlsx
 * with JSZip (the worksheet part and workbook.xml's print titles), and from the fake Excel.
 */
import JSZip from "jszip";
import type { FakeExcel } from "../support/excelMock";

export interface PrintSettings {
  orientation: "portrait" | "landscape" | null;
  /** Pages wide when scaled to fit; null when the sheet does not fit to pages. */
  fitToWidth: number | null;
  fitToHeight: number | null;
  /** "$1:$1", or null without print titles. */
  printTitleRows: string | null;
}

function attr(tag: string | undefined, name: string): string | null {
  if (!tag) return null;
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : null;
}

export async function xlsxPrintSettings(bytes: Uint8Array, sheet: string): Promise<PrintSettings> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const sheets = [...workbook.matchAll(/<sheet\s[^>]*>/g)].map((m) => m[0]);
  const index = sheets.findIndex((t) => attr(t, "name") === sheet.replace(/&/g, "&amp;").replace(/'/g, "&apos;"));
  if (index < 0) throw new Error(`no sheet ${sheet}`);
  const relId = attr(sheets[index], "r:id");
  const rel = [...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => m[0]).find((t) => attr(t, "Id") === relId);
  const target = attr(rel, "Target")!;
  const part = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const xml = await zip.file(part)!.async("string");
  const pageSetup = /<pageSetup\s[^>]*>/.exec(xml)?.[0];
  const fitToPage = attr(/<pageSetUpPr\s[^>]*>/.exec(xml)?.[0], "fitToPage");
  const fits = fitToPage === "1" || fitToPage === "true";
  const orientation = attr(pageSetup, "orientation");
  const titles = [...workbook.matchAll(/<definedName\s([^>]*)>([^<]*)<\/definedName>/g)].find(
    (m) => attr(` ${m[1]}`, "name") === "_xlnm.Print_Titles" && attr(` ${m[1]}`, "localSheetId") === String(index),
  );
  return {
    orientation: orientation === "landscape" || orientation === "portrait" ? orientation : null,
    // Absent attributes mean 1 (the schema's default) when the sheet fits to pages.
    fitToWidth: fits ? Number(attr(pageSetup, "fitToWidth") ?? 1) : null,
    fitToHeight: fits ? Number(attr(pageSetup, "fitToHeight") ?? 1) : null,
    printTitleRows: titles ? titles[2].replace(/^.*!/, "") : null,
  };
}

export function fakePrintSettings(fake: FakeExcel, sheet: string): PrintSettings {
  const layout = fake.sheet(sheet).pageLayout;
  const zoom = layout.zoom;
  const fits = zoom !== null && zoom.horizontalFitToPages !== undefined;
  return {
    orientation: layout.orientation === "Landscape" ? "landscape" : "portrait",
    fitToWidth: fits ? zoom.horizontalFitToPages ?? null : null,
    fitToHeight: fits ? zoom.verticalFitToPages ?? null : null,
    printTitleRows: layout.printTitleRows,
  };
}
