/** @jest-environment jsdom */
import { screen, waitFor } from "@testing-library/react";
import { browserHost, openSalesFile, renderWizard, salesPort, select } from "./helpers";

async function toMethodStep(locale: "en" | "sv" = "en") {
  const r = renderWizard(browserHost(salesPort()), locale);
  await openSalesFile(r.user);
  await r.user.click(screen.getByRole("button", { name: locale === "sv" ? "Nästa" : "Next" }));
  return r;
}

describe("step 2, method and parameters", () => {
  test("focus moves to the step's heading; bottom-up needs a target before the preview", async () => {
    const { user } = await toMethodStep();
    const heading = screen.getByRole("heading", { level: 2, name: "Method and parameters" });
    expect(document.activeElement).toBe(heading);
    expect((screen.getByRole("radio", { name: /Bottom-up/ }) as HTMLInputElement).checked).toBe(true);
    // Nothing typed yet: no error shown. Next shows what is missing and puts focus on it.
    expect(screen.queryByText("The bottom-up method needs a target.")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(screen.getByRole("heading", { level: 2, name: "Method and parameters" })).toBeTruthy();
    expect(screen.getByText("The bottom-up method needs a target.")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId("target"));
    await user.type(screen.getByTestId("target"), "20 000");
    expect(screen.queryByText("The bottom-up method needs a target.")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(screen.getByRole("heading", { level: 2, name: "Preview the quotas" })).toBeTruthy();
  });

  test("the realism check compares the target with the history in the time frame", async () => {
    const { user } = await toMethodStep();
    // All rows: history 8,500.
    await user.type(screen.getByTestId("target"), "10000");
    expect(screen.getByTestId("realism-ok").textContent).toContain("Baseline (history in the time frame): 8,500. Target: 10,000. Required growth: +17.6%.");
    await user.clear(screen.getByTestId("target"));
    await user.type(screen.getByTestId("target"), "15000");
    expect(screen.getByTestId("realism-stretch").textContent).toContain("Stretch target");
    await user.clear(screen.getByTestId("target"));
    await user.type(screen.getByTestId("target"), "50000");
    expect(screen.getByTestId("realism-unrealistic").textContent).toContain("Not achievable");
    // 2025 only: history 8,000, so 10,000 needs +25 %.
    await user.click(screen.getByRole("radio", { name: "One year" }));
    expect(select("year").value).toBe("2025");
    expect(screen.getByTestId("out-of-range").textContent).toBe("Rows outside the chosen time frame: 1.");
    await user.clear(screen.getByTestId("target"));
    await user.type(screen.getByTestId("target"), "10000");
    expect(screen.getByTestId("realism-ok").textContent).toContain("Baseline (history in the time frame): 8,000. Target: 10,000. Required growth: +25%.");
  });

  test("warns when no time frame is set; blank review periods are refused", async () => {
    const { user } = await toMethodStep();
    expect(screen.getByTestId("warn-timeframe").textContent).toContain("No time frame is set: the history spans Dec 2024 to Jun 2025.");
    await user.click(screen.getByRole("radio", { name: "A date range" }));
    expect(screen.queryByTestId("warn-timeframe")).toBeNull();
    // Not before the user has been in the date fields (or pressed Next).
    expect(screen.queryByText("Enter both dates, the start on or before the end.")).toBeNull();
    await user.click(screen.getByTestId("from"));
    await user.tab();
    expect(screen.getByText("Enter both dates, the start on or before the end.")).toBeTruthy();
    await user.type(screen.getByTestId("from"), "2025-01-01");
    await user.type(screen.getByTestId("to"), "2025-12-31");
    expect(screen.queryByText("Enter both dates, the start on or before the end.")).toBeNull();

    await user.clear(screen.getByTestId("periods"));
    await user.tab();
    expect(screen.getByText("Enter the review periods: a whole number of at least 1 (12 for monthly, 1 for the whole time frame).")).toBeTruthy();
    await user.type(screen.getByTestId("periods"), "0");
    expect(screen.getByText("Review periods must be a whole number of at least 1.")).toBeTruthy();
  });

  test("top-down by weight needs a weight column; forecast asks for growth instead of a target", async () => {
    const { user } = await toMethodStep();
    await user.click(screen.getByRole("radio", { name: /Top-down/ }));
    expect((screen.getByRole("radio", { name: "By the weight column" }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText("Map a weight column in step 1 to split by weight.")).toBeTruthy();
    await user.click(screen.getByRole("radio", { name: /Forecast/ }));
    expect(screen.queryByTestId("target")).toBeNull();
    await user.clear(screen.getByTestId("growth"));
    await user.type(screen.getByTestId("growth"), "abc");
    await user.tab();
    expect(screen.getByText("Enter growth as a percentage, for example 10.")).toBeTruthy();
    await user.clear(screen.getByTestId("growth"));
    await user.type(screen.getByTestId("growth"), "30");
    expect(screen.queryByText("Enter growth as a percentage, for example 10.")).toBeNull();
  });

  test("in Swedish, with Swedish number input", async () => {
    const { user } = await toMethodStep("sv");
    expect(screen.getByRole("heading", { level: 2, name: "Metod och parametrar" })).toBeTruthy();
    await user.type(screen.getByTestId("target"), "10 000,00");
    await waitFor(() => expect(screen.getByTestId("realism-ok").textContent).toContain("Nödvändig tillväxt: +17,6"));
    expect(screen.getByTestId("warn-timeframe").textContent).toContain("Ingen tidsram är vald");
  });
});
