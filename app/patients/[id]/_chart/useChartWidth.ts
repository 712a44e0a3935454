"use client";

import { useEffect, useState } from "react";
import { flushSync } from "react-dom";

/** Width the chart is drawn at for printing: A4 portrait inside the browser's default margins. */
const PRINT_WIDTH = 680;

/** The element's content width, kept up to date as it resizes (0 until measured). */
export function useWidth(element: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

/** Redraws the chart at A4 width while the page prints, so nothing is cut off and text keeps its size. */
export function usePrintWidth(): number | undefined {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  return printing ? PRINT_WIDTH : undefined;
}
