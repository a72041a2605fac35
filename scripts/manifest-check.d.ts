/** Types for scripts/manifest-check.js (plain JavaScript so the CLI runs without a build). */
export interface ManifestProblem {
  /** 1-based line in the manifest, when the problem belongs to an element. */
  line?: number;
  message: string;
}

export interface ManifestCheckOptions {
  /** Folder with assets/ and webpack.config.js (default: the manifest's folder). */
  projectDir?: string;
  /** Check the built page in this folder instead of the webpack configuration. */
  distDir?: string;
  /** Custom functions namespace to require (default "SALES"). */
  namespace?: string;
}

export function checkManifest(manifestPath: string, options?: ManifestCheckOptions): Promise<{ problems: ManifestProblem[] }>;

/** One line per problem: "file:line: message". */
export function formatProblems(file: string, problems: ManifestProblem[]): string[];
