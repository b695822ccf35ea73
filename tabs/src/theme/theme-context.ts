import { createContext, useContext } from 'react';
import type { HostTheme } from '@humandebt/web';

/** The current host theme, for the few places (charts) that must do more than Fluent tokens do in high contrast. */
export const HostThemeContext = createContext<HostTheme>('default');

export function useHostTheme(): HostTheme {
  return useContext(HostThemeContext);
}
