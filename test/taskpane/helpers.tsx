/** Rendering the wizard in jsdom against a FakePort, the way index.tsx renders it. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Locale } from "../../src/i18n";
import type { Host } from "../../src/taskpane/host";
import { Wizard } from "../../src/taskpane/Wizard";
import { FakePort, salesRows } from "./fakePort";

export function browserHost(port: FakePort, bytes = new Uint8Array([80, 75, 3, 4])): Host & { opened: ArrayBuffer[] } {
  const opened: ArrayBuffer[] = [];
  return {
    kind: "browser",
    opened,
    async openFile(data) {
      opened.push(data);
      return { port, toBuffer: async () => bytes };
    },
  };
}

export function excelHost(port: FakePort): Host {
  return { kind: "excel", connect: async () => ({ port }) };
}

export function renderWizard(host: Host, locale: Locale = "en") {
  const user = userEvent.setup();
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <Wizard host={host} locale={locale} />
    </FluentProvider>,
  );
  return { user, ...view };
}

export function salesPort(extraSheets: { name: string; rows: unknown[][] }[] = []): FakePort {
  return new FakePort([{ name: "Notes", rows: [["Read me"]] }, { name: "Sales", rows: salesRows() }, ...(extraSheets as never[])]);
}

/** Opens the fake workbook through the file input and waits until its sales table is read. */
export async function openSalesFile(user: ReturnType<typeof userEvent.setup>, name = "sales.xlsx") {
  const input = screen.getByTestId("file-input") as HTMLInputElement;
  await user.upload(input, new File([new Uint8Array([80, 75, 3, 4])], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  await waitFor(() => expect(screen.getByTestId("row-stats")).toBeTruthy());
}

export function select(testId: string): HTMLSelectElement {
  return screen.getByTestId(testId) as HTMLSelectElement;
}
