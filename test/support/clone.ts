/**
 * structuredClone for tests: jest runs each test file in its own realm, and Node's
 * structuredClone returns objects of the outer realm (a Date that fails `instanceof Date`
 * here). This clones as postMessage does (buffers transferred) and rebuilds such values in the
 * test's realm.
 */
function adopt(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const tag = Object.prototype.toString.call(value);
  if (tag === "[object Date]") return new Date((value as Date).getTime());
  if (tag === "[object ArrayBuffer]") return new Uint8Array(value as ArrayBuffer).slice().buffer;
  if (tag === "[object Uint8Array]") return new Uint8Array(value as Uint8Array);
  if (Array.isArray(value)) return value.map(adopt);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, adopt(v)]));
}

export function realmClone<T>(value: T, transfer: Transferable[]): T {
  return adopt(structuredClone(value, { transfer })) as T;
}
