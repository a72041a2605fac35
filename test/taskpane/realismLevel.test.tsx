/** @jest-environment jsdom */
/** The wizard's realism check shows the "far below the history" level in both languages. */
import { screen, waitFor } from "@testing-library/react";
import { browserHost, openSalesFile, renderWizard, salesPort } from "./helpers";

async function toMethodStep(locale: "en" | "sv") {
  const r = renderWizard(browserHost(salesPort()), locale);
  await openSalesFile(r.user);
  await r.user.click(screen.getByRole("button", { name: locale === "sv" ? "Nästa" : "Next" }));
  return r;
}

describe("the realism check, far below the history", () => {
  test("a target under half the history reads as a likely unit mistake, not as achievable", async () => {
    const { user } = await toMethodStep("en");
    await user.type(screen.getByTestId("target"), "3000"); // history 8,500
    const notice = screen.getByTestId("realism-farBelow");
    expect(notice.textContent).toContain("Far below the history: the target is less than half of it. Check the unit (thousands vs units?)");
    expect(notice.textContent).toContain("Required growth: -64.7%");
    expect(screen.queryByTestId("realism-ok")).toBeNull();
  });

  test("in Swedish", async () => {
    const { user } = await toMethodStep("sv");
    await user.type(screen.getByTestId("target"), "3 000");
    await waitFor(() => expect(screen.getByTestId("realism-farBelow").textContent).toContain("Långt under historiken: målet är mindre än hälften av den."));
  });
});
