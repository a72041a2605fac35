/** The steps after the source and the method: one chunk, fetched once a source is read. */
export { PreviewStep } from "./PreviewStep";
export { WriteStep } from "./WriteStep";
