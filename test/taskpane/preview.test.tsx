/** @jest-environment jsdom */
import { screen, within } from "@testing-library/react";
import { browserHost, openSalesFile, renderWizard, salesPort } from "./helpers";

async function toPreview(target: string, periods = "12", round = "1", locale: "en" | "sv" = "en") {
  const r = renderWizard(browserHost(salesPort()), locale);
  const next = () => r.user.click(screen.getByRole("button", { name: locale === "sv" ? "Nästa" : "Next" }));
  await openSalesFile(r.user);
  await next();
  await r.user.click(screen.getByRole("radio", { name: locale === "sv" ? "Ett år" : "One year" }));
  await r.user.type(screen.getByTestId("target"), target);
  await r.user.clear(screen.getByTestId("periods"));
  await r.user.type(screen.getByTestId("periods"), periods);
  await r.user.clear(screen.getByTestId("round"));
  await r.user.type(screen.getByTestId("round"), round);
  await next();
  return r;
}

/** Cell texts; the rep cell without the share it repeats for narrow panes, the quota without its Edit button. */
function bodyRows() {
  const table = screen.getByTestId("preview-table");
  return within(table)
    .getAllByRole("row")
    .slice(1, -1)
    .map((row) =>
      [within(row).getByRole("rowheader"), ...within(row).getAllByRole("cell")]
        .map((c) => {
          const copy = c.cloneNode(true) as HTMLElement;
          copy.querySelectorAll("[data-inline-share], [data-cell-controls]").forEach((e) => e.remove());
          return copy.textContent;
        }),
    );
}

describe("step 3, preview", () => {
  test("bottom-up on 2025 history 2:2:2:1:1 gives the seed's 5,000 ×3 and 2,500 ×2; totals equal the target", async () => {
    await toPreview("20000");
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 2, name: "Preview the quotas" }));
    expect(bodyRows()).toEqual([
      ["Anna", "2,000", "25%", "5,000", "417"],
      ["Bertil", "2,000", "25%", "5,000", "417"],
      ["Cecilia", "2,000", "25%", "5,000", "417"],
      ["David", "1,000", "12.5%", "2,500", "208"],
      ["Erik", "1,000", "12.5%", "2,500", "208"],
    ]);
    // Narrow panes show the share under the name; it is announced with its column's name.
    const firstRep = within(screen.getByTestId("preview-table")).getAllByRole("rowheader")[0];
    expect(firstRep.querySelector("[data-inline-share]")?.textContent).toBe("Share 25%");
    const totals = screen.getByTestId("totals-row");
    expect(within(totals).getByRole("rowheader").textContent).toBe("Total");
    expect(screen.getByTestId("total-quota").textContent).toBe("20,000");
    expect(screen.getByTestId("total-period").textContent).toBe("1,667");
    expect(screen.getByTestId("total-line").textContent).toContain("The quotas add up to exactly 20,000: the target.");
    // The table scrolls sideways at narrow widths and can be reached by keyboard to do so.
    const region = screen.getByRole("region", { name: "Quota table (scrolls sideways)" });
    expect(region.getAttribute("tabindex")).toBe("0");
  });

  test("a rounded target says what the quotas add up to instead", async () => {
    await toPreview("20050", "1", "100");
    expect(screen.getByTestId("total-quota").textContent).toBe("20,100");
    expect(screen.getByTestId("total-line").textContent).toContain("exactly 20,100: the target 20,050 rounded to 100");
    expect(screen.getByTestId("plan-warnings").textContent).toContain("not a multiple of the rounding unit");
  });

  test("the bar chart is one labelled image with a bar pair per rep", async () => {
    await toPreview("20000");
    const chart = screen.getByRole("img", { name: /Quota vs history per rep/ });
    expect(chart.tagName.toLowerCase()).toBe("svg");
    expect(chart.querySelectorAll("rect")).toHaveLength(10);
    const desc = chart.querySelector("desc")!.textContent!;
    expect(desc).toContain("Anna: history 2,000, quota 5,000");
    // History 2,000 and quota 5,000 at the largest value 5,000: 40 % and 100 % of the width.
    const [history, quota] = Array.from(chart.querySelectorAll("rect")).slice(0, 2);
    expect(history.getAttribute("width")).toBe("40.00%");
    expect(quota.getAttribute("width")).toBe("100.00%");
  });

  test("in Swedish", async () => {
    await toPreview("20000", "12", "1", "sv");
    expect(screen.getByRole("heading", { level: 2, name: "Förhandsgranska kvoterna" })).toBeTruthy();
    expect(screen.getByTestId("total-line").textContent).toContain("Kvoterna summerar till exakt 20\u00a0000: målet.");
    expect(bodyRows()[3]).toEqual(["David", "1\u00a0000", "12,5\u00a0%", "2\u00a0500", "208"]);
  });
});
