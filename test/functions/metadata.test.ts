/**
 * functions.json is generated from the JSDoc in src/functions/functions.ts by the same
 * generator the webpack plugin runs. The golden file pins what Excel will show: ids, names,
 * descriptions, parameters, optional flags, which parameters take ranges, help links.
 * After an intended change: UPDATE_GOLDEN=1 npx jest test/functions/metadata.test.ts
 */
import fs from "fs";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import "./support/customFunctionsRuntime";
import * as functions from "../../src/functions/functions";
import { HELP_URL, helpUrl } from "../../src/functions/help";

const SOURCE = path.resolve(__dirname, "../../src/functions/functions.ts");
const GOLDEN = path.resolve(__dirname, "functions.golden.json");

interface Parameter {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: Parameter[];
  result?: { type?: string; dimensionality?: string };
  options?: Record<string, boolean>;
}

let generated: { functions: FunctionMetadata[] };

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE);
  expect(result.errors).toEqual([]);
  generated = JSON.parse(result.metadataJson);
  if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(GOLDEN, `${JSON.stringify(generated, null, 2)}\n`);
});

/** Parameter signature: name, ? when optional, [][] when it takes a range. */
function signature(f: FunctionMetadata): string {
  const params = f.parameters.map((p) => `${p.name}${p.optional ? "?" : ""}${p.dimensionality === "matrix" ? "[][]" : ""}`);
  const result = f.result?.dimensionality === "matrix" ? "[][]" : "";
  return `${f.id}(${params.join(", ")})${result}`;
}

describe("generated functions.json", () => {
  it("equals the committed golden file", () => {
    const golden = JSON.parse(fs.readFileSync(GOLDEN, "utf8"));
    expect(generated).toEqual(golden);
  });

  it("declares the twelve SALES functions with the documented arguments", () => {
    expect(generated.functions.map(signature)).toEqual([
      "QUOTA_TOPDOWN(target, reps[][], periods?, weights?[][], round_to?)[][]",
      "QUOTA_BOTTOMUP(target, history[][], periods?, round_to?)[][]",
      "QUOTA_BASELINE(revenue[][], periods?)[][]",
      "QUOTA_FORECAST(history[][], growth?, method?, horizon?)[][]",
      "PROFIT_QUOTA(revenue[][], cogs[][], acquisition_cost[][])[][]",
      "VOLUME_BONUS(units_sold[][], quota_units[][], bonus_per_unit[][])[][]",
      "QUOTA_ATTAINMENT(actual[][], quota[][])[][]",
      "ACTIVITY_ATTAINMENT(actuals[][], targets[][], weights?[][], cap?)[][]",
      "COMBINED_ATTAINMENT(attainments[][], weights[][])[][]",
      "QUOTA_PHASE(annual, pattern[][], round_to?)[][]",
      "QUOTA_RAMP(full_quota, month, schedule?[][])[][]",
      "REPS_NEEDED(target, quota_per_rep, expected_attainment?)[][]",
    ]);
  });

  it("gives every function and parameter a description, and the name equal to the id", () => {
    for (const f of generated.functions) {
      expect(f.name).toBe(f.id);
      expect(f.description?.length).toBeGreaterThan(20);
      for (const p of f.parameters) expect(`${f.id}.${p.name}: ${p.description ?? ""}`).toMatch(/: \S.{8,}/);
    }
  });

  it("types number-or-range arguments as any matrices and plain numbers as number", () => {
    for (const f of generated.functions) {
      for (const p of f.parameters) {
        if (p.dimensionality === "matrix") expect(`${f.id}.${p.name}:${p.type}`).toBe(`${f.id}.${p.name}:any`);
        else expect(`${f.id}.${p.name}:${p.type}`).toBe(`${f.id}.${p.name}:${p.name === "method" ? "string" : "number"}`);
      }
      expect(f.result?.type).toBe("number");
    }
  });

  it("asks Excel for parameter addresses, and nothing else, with the matrix result that needs", () => {
    for (const f of generated.functions) {
      // Not volatile, not streaming: Excel may cache results.
      expect(`${f.id}: ${JSON.stringify(f.options)}`).toBe(`${f.id}: {"requiresParameterAddresses":true}`);
      // Excel passes parameterAddresses only to functions whose result is a matrix.
      expect(`${f.id}: ${f.result?.dimensionality}`).toBe(`${f.id}: matrix`);
    }
  });

  it("declares the invocation as the last parameter of every function, not as an argument", () => {
    const byId: Record<string, (...args: never[]) => unknown> = {
      QUOTA_TOPDOWN: functions.quotaTopdown,
      QUOTA_BOTTOMUP: functions.quotaBottomup,
      QUOTA_BASELINE: functions.quotaBaseline,
      QUOTA_FORECAST: functions.quotaForecast,
      PROFIT_QUOTA: functions.profitQuota,
      VOLUME_BONUS: functions.volumeBonus,
      QUOTA_ATTAINMENT: functions.quotaAttainment,
      ACTIVITY_ATTAINMENT: functions.activityAttainment,
      COMBINED_ATTAINMENT: functions.combinedAttainment,
      QUOTA_PHASE: functions.quotaPhase,
      QUOTA_RAMP: functions.quotaRamp,
      REPS_NEEDED: functions.repsNeeded,
    };
    expect(Object.keys(byId).sort()).toEqual(generated.functions.map((f) => f.id).sort());
    for (const f of generated.functions) {
      expect(f.parameters.map((p) => p.name)).not.toContain("invocation");
      expect(`${f.id}: ${byId[f.id].length}`).toBe(`${f.id}: ${f.parameters.length + 1}`);
    }
  });

  it("links each function to its section of the help page", () => {
    for (const f of generated.functions) expect(f.helpUrl).toBe(helpUrl(f.id));
    expect(helpUrl("QUOTA_TOPDOWN")).toBe("https://localhost:3000/help.html#quota_topdown");
    expect(HELP_URL.startsWith("https://localhost:3000/")).toBe(true);
  });
});
