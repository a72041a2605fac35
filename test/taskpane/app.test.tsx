/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { FakePort } from "./fakePort";
import { browserHost } from "./helpers";

/** The CSS custom properties Fluent's provider injected for its theme. */
function injectedCss(): string {
  return Array.from(document.styleSheets)
    .flatMap((sheet) => Array.from(sheet.cssRules).map((rule) => rule.cssText))
    .join("\n");
}

describe("the task pane app", () => {
  test("renders the wizard in the chosen language and the Office theme (dark)", () => {
    render(<App host={browserHost(new FakePort([]))} locale="sv" theme="dark" />);
    expect(screen.getByRole("heading", { level: 1, name: "Säljkvoter" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Öppna en arbetsbok…" })).toBeTruthy();
    const provider = document.querySelector(".fui-FluentProvider")!;
    expect(provider.getAttribute("lang")).toBe("sv-SE");
    const css = injectedCss();
    expect(css).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1}`);
    expect(css).not.toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1}`);
  });
});
