/**
 * Where each SALES function's help lives: HELP_URL#<function id in lower case>. The JSDoc
 * @helpurl tags in functions.ts spell it out (the metadata generator reads only literals);
 * the production build rewrites https://localhost:3000/ to the add-in's real origin in
 * functions.json as in the manifest.
 */
export const HELP_URL = "https://localhost:3000/help.html";

export function helpUrl(functionId: string): string {
  return `${HELP_URL}#${functionId.toLowerCase()}`;
}
