/** The task pane: Fluent UI v9 in the Office theme around the wizard. */
import { FluentProvider, makeStaticStyles, teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { Locale } from "../i18n";
import type { ThemeName } from "./environment";
import type { Host } from "./host";
import { Wizard } from "./Wizard";

const THEMES: Record<ThemeName, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  highContrast: teamsHighContrastTheme,
};

// The theme's background must reach the pane's edges (no default 8 px body margin).
const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

export interface AppProps {
  host: Host;
  locale: Locale;
  theme?: ThemeName;
}

export function App({ host, locale, theme = "light" }: AppProps) {
  useGlobalStyles();
  return (
    <FluentProvider theme={THEMES[theme]} lang={locale === "sv" ? "sv-SE" : "en-US"} style={{ minHeight: "100vh" }}>
      <Wizard host={host} locale={locale} />
    </FluentProvider>
  );
}
