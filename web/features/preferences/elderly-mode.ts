import { useSyncExternalStore } from 'react';

/** Where the elderly-mode choice is remembered (适老化: one tap to switch, kept across visits). */
export const ELDERLY_KEY = 'linli.elderly';
/** The class on <html> that turns on large type, strong contrast and big targets. */
export const ELDERLY_CLASS = 'elderly';

const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(ELDERLY_KEY) === '1';
  } catch {
    return false;
  }
}

let enabled = typeof window === 'undefined' ? false : read();

/** Put the class on <html> before the first paint so the page never jumps. */
export function applyElderlyMode(): void {
  document.documentElement.classList.toggle(ELDERLY_CLASS, enabled);
}

export function setElderlyMode(on: boolean): void {
  enabled = on;
  try {
    window.localStorage.setItem(ELDERLY_KEY, on ? '1' : '0');
  } catch {
    // Storage may be refused; the mode still applies to this visit.
  }
  applyElderlyMode();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useElderlyMode(): [boolean, (on: boolean) => void] {
  const value = useSyncExternalStore(subscribe, () => enabled);
  return [value, setElderlyMode];
}
