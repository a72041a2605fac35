/**
 * Freezing formulas in an .xlsx package (the .xlsx adapters' freezeFormulas): each worksheet
 * part is streamed once through the SheetFreezer; a part with nothing to freeze is left as it
 * was (its compressed bytes are copied unchanged), a part that changed is replaced, and the
 * frozen cells' entries leave calcChain.xml (the part goes when no entry is left). Every other
 * part stays byte for byte. No Node modules: runs in the browser too.
 */
import { FreezeTally, SheetFreezer, dropCalcChainCells, type FormulaMatcher } from "./freeze";
import { OoxmlPackage, parseRelationships, REL_TYPE, relsPathOf } from "./ooxml";
import { streamText } from "./ooxml-read";
import { editContentTypes, removeRelationships } from "./ooxml-write";
import type { FreezeOptions, FreezeReport } from "./port";

/** Output text is turned into bytes in pieces of about this many characters. */
const OUTPUT_PIECE = 1 << 20;

/** UTF-8 bytes of a part's new text, gathered piece by piece (never one string of the whole part). */
class ByteSink {
  private readonly encoder = new TextEncoder();
  private readonly pieces: Uint8Array[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private size = 0;

  push(text: string): void {
    if (text.length === 0) return;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= OUTPUT_PIECE) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = this.encoder.encode(this.pending.join(""));
    this.pending = [];
    this.pendingLength = 0;
    this.pieces.push(bytes);
    this.size += bytes.byteLength;
  }

  bytes(): Uint8Array {
    this.flush();
    if (this.pieces.length === 1) return this.pieces[0];
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const piece of this.pieces) {
      out.set(piece, at);
      at += piece.byteLength;
    }
    this.pieces.length = 0;
    return out;
  }
}

export async function freezePackage(pkg: OoxmlPackage, match: FormulaMatcher, options: FreezeOptions = {}): Promise<FreezeReport> {
  const tally = new FreezeTally();
  const worksheets = pkg.sheets.filter((s) => s.kind === "worksheet" && s.part !== null);
  const replaced = new Map<string, Uint8Array>();
  /** sheetId → frozen cells (upper case), for calcChain. */
  const frozenBySheet = new Map<number, Set<string>>();
  // The frozen cells are kept only where a calc chain must lose their entries.
  const calcChain = options.dryRun ? null : await pkg.workbookRelated(REL_TYPE.calcChain);
  options.onProgress?.(0, worksheets.length);
  for (let i = 0; i < worksheets.length; i++) {
    const sheet = worksheets[i];
    const part = sheet.part as string;
    const freezer = new SheetFreezer(match);
    const sink = options.dryRun ? null : new ByteSink();
    await streamText(pkg, part, pkg.limits.sheetBytes, (text: string) => {
      const out = freezer.write(text);
      sink?.push(out);
    });
    sink?.push(freezer.end());
    const { frozen, uncalculated } = freezer.result;
    for (const cell of frozen) tally.frozen(sheet.name, cell.range ?? cell.cell);
    for (const cell of uncalculated) tally.uncalculated(sheet.name, cell);
    if (freezer.changed && sink) replaced.set(part, sink.bytes());
    if (calcChain && frozen.length > 0) frozenBySheet.set(sheet.sheetId, new Set(frozen.map((c) => c.cell)));
    options.onProgress?.(i + 1, worksheets.length);
  }
  if (options.dryRun || replaced.size === 0) return tally.result();

  const files = new Map<string, Uint8Array | string>(replaced);
  const removals: string[] = [];
  const calcXml = calcChain ? await pkg.text(calcChain) : null;
  if (calcChain && calcXml !== null && frozenBySheet.size > 0) {
    const kept = dropCalcChainCells(calcXml, (sheetId, cell) => frozenBySheet.get(sheetId)?.has(cell) ?? false);
    if (kept === null) {
      // No formula left in the chain: the part goes, with its relationship and content type.
      removals.push(calcChain);
      const relsPath = relsPathOf(pkg.workbookPart);
      const rels = await pkg.text(relsPath);
      if (rels !== null) {
        const ids = parseRelationships(rels)
          .filter((r) => r.type.endsWith("/calcChain"))
          .map((r) => r.id);
        files.set(pkg.actual(relsPath) ?? relsPath, removeRelationships(rels, new Set(ids)));
      }
      const types = await pkg.text("[Content_Types].xml");
      if (types !== null) files.set(pkg.actual("[Content_Types].xml") ?? "[Content_Types].xml", editContentTypes(types, [calcChain], [], false));
    } else if (kept !== calcXml) files.set(calcChain, kept);
  }
  for (const part of removals) pkg.zip.remove(part);
  for (const [part, data] of files) pkg.zip.file(pkg.actual(part) ?? part, data, { createFolders: false });
  await pkg.refresh();
  return tally.result();
}
