import { useEffect } from 'react';

/**
 * While `unsaved` is true, leaving or reloading the page asks the browser's "Leave site?" question:
 * edits not yet on the server live only in this page's memory, so closing it would lose them.
 */
export function useUnsavedChangesWarning(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);
}
