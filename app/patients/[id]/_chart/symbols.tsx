import type { ResponseColourKey } from "@/lib/timeline";

/**
 * Marker shapes and series styles. Every category differs by shape and line pattern as well as colour
 * (Okabe–Ito colours), so the chart reads in black and white and with colour-vision deficiency.
 */
export type Shape = "circle" | "square" | "triangle-up" | "triangle-down" | "diamond" | "ring" | "cross";

export const INK = "#1c2430";
export const MUTED = "#5a6472";
export const GRID = "#e3e7ec";

export function Marker({ shape, x, y, size = 5, fill, stroke = INK }: { shape: Shape; x: number; y: number; size?: number; fill: string; stroke?: string }) {
  const s = size;
  switch (shape) {
    case "circle":
      return <circle cx={x} cy={y} r={s} fill={fill} stroke={stroke} strokeWidth={1.2} />;
    case "ring":
      return <circle cx={x} cy={y} r={s} fill="#fff" stroke={stroke} strokeWidth={2} />;
    case "square":
      return <rect x={x - s * 0.9} y={y - s * 0.9} width={s * 1.8} height={s * 1.8} fill={fill} stroke={stroke} strokeWidth={1.2} />;
    case "triangle-up":
      return <path d={`M${x},${y - s * 1.15}L${x + s * 1.1},${y + s * 0.85}L${x - s * 1.1},${y + s * 0.85}Z`} fill={fill} stroke={stroke} strokeWidth={1.2} />;
    case "triangle-down":
      return <path d={`M${x},${y + s * 1.15}L${x + s * 1.1},${y - s * 0.85}L${x - s * 1.1},${y - s * 0.85}Z`} fill={fill} stroke={stroke} strokeWidth={1.2} />;
    case "diamond":
      return <path d={`M${x},${y - s * 1.2}L${x + s},${y}L${x},${y + s * 1.2}L${x - s},${y}Z`} fill={fill} stroke={stroke} strokeWidth={1.2} />;
    case "cross":
      return <path d={`M${x - s},${y - s}L${x + s},${y + s}M${x - s},${y + s}L${x + s},${y - s}`} stroke={fill} strokeWidth={2.2} />;
  }
}

/** RECIST response → shape: growing points up, shrinking points down, stable is square, gone is round. */
export const responseShape: Record<ResponseColourKey, Shape> = {
  "recist-cr": "circle",
  "recist-pr": "triangle-down",
  "recist-sd": "square",
  "recist-pd": "triangle-up",
  "recist-ne": "diamond",
  "recist-none": "ring",
};

export interface SeriesStyle {
  colour: string;
  dash?: string;
  shape: Shape;
}

/** By a series' place in its lane: colour, dash and marker all change together. */
const SERIES_STYLES: SeriesStyle[] = [
  { colour: "#0072B2", shape: "circle" },
  { colour: "#D55E00", dash: "7 3", shape: "square" },
  { colour: "#009E73", dash: "2 3", shape: "triangle-up" },
  { colour: "#CC79A7", dash: "9 3 2 3", shape: "diamond" },
  { colour: "#000000", dash: "4 2", shape: "cross" },
  { colour: "#E69F00", dash: "1 2", shape: "triangle-down" },
];

export function seriesStyle(index: number): SeriesStyle {
  return SERIES_STYLES[index % SERIES_STYLES.length];
}

/** A legend swatch: the series' line pattern with its marker, as drawn on the chart. */
export function SeriesSwatch({ style, step = false }: { style: SeriesStyle; step?: boolean }) {
  return (
    <svg width="30" height="14" viewBox="0 0 30 14" aria-hidden="true" focusable="false">
      <path d={step ? "M1,11H15V4H29" : "M1,7H29"} fill="none" stroke={style.colour} strokeWidth={2} strokeDasharray={style.dash} />
      <Marker shape={style.shape} x={15} y={step ? 7.5 : 7} size={3.5} fill={style.colour} />
    </svg>
  );
}

export function ShapeSwatch({ shape, fill }: { shape: Shape; fill: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <Marker shape={shape} x={8} y={8} size={5} fill={fill} />
    </svg>
  );
}
