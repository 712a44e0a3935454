/**
 * The chart as one standalone SVG, composed from what is on screen: each lane's title, its legend and
 * its Recharts surfaces, stacked. Everything visual on those surfaces is in SVG attributes (not CSS), so
 * the file looks as the page does. PNG is that SVG drawn on a canvas: no library, nothing downloaded.
 */
const NS = "http://www.w3.org/2000/svg";
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif";
const CHAR_WIDTH = 6.6;
const MARGIN = 12;

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

function text(x: number, y: number, value: string, size: number, weight = 400): string {
  return `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="#1c2430">${escapeXml(value)}</text>`;
}

export function composeChartSvg(stack: HTMLElement, heading: string, subheading: string): { svg: string; width: number; height: number } {
  const width = Math.round(stack.getBoundingClientRect().width);
  const serializer = new XMLSerializer();
  const parts: string[] = [text(0, 18, heading, 16, 700), text(0, 38, subheading, 12)];
  let y = 52;
  for (const element of stack.querySelectorAll<HTMLElement>("[data-export]")) {
    const kind = element.dataset.export;
    if (kind === "lane-title") {
      y += 6;
      parts.push(text(0, y + 13, element.textContent ?? "", 13, 700));
      y += 18;
    } else if (kind === "note") {
      parts.push(text(0, y + 12, element.textContent ?? "", 11));
      y += 16;
    } else if (kind === "legend") {
      let x = 0;
      y += 2;
      for (const item of element.querySelectorAll<HTMLElement>("[data-legend-item]")) {
        const swatch = item.querySelector("svg");
        const label = (item.textContent ?? "").trim();
        const swatchWidth = swatch ? Number(swatch.getAttribute("width")) : 0;
        const itemWidth = swatchWidth + 4 + label.length * CHAR_WIDTH + 14;
        if (x > 0 && x + itemWidth > width) {
          x = 0;
          y += 18;
        }
        if (swatch) {
          const clone = swatch.cloneNode(true) as SVGSVGElement;
          clone.setAttribute("x", String(x));
          clone.setAttribute("y", String(y));
          parts.push(serializer.serializeToString(clone));
        }
        parts.push(text(x + swatchWidth + 4, y + 12, label, 11));
        x += itemWidth;
      }
      y += 20;
    } else if (kind === "panel") {
      const surface = element.querySelector("svg.recharts-surface");
      if (!surface) continue;
      const clone = surface.cloneNode(true) as SVGSVGElement;
      const height = Number(clone.getAttribute("height"));
      clone.removeAttribute("style");
      clone.removeAttribute("class");
      clone.setAttribute("x", "0");
      clone.setAttribute("y", String(y));
      parts.push(serializer.serializeToString(clone));
      y += height;
    }
  }
  // A margin of MARGIN all round, as on paper.
  const outerWidth = width + 2 * MARGIN;
  const height = Math.ceil(y + 2 * MARGIN);
  const svg =
    `<svg xmlns="${NS}" width="${outerWidth}" height="${height}" viewBox="0 0 ${outerWidth} ${height}" font-family="${FONT_FAMILY}">` +
    `<rect width="${outerWidth}" height="${height}" fill="#ffffff"/><g transform="translate(${MARGIN},${MARGIN})">${parts.join("")}</g></svg>`;
  return { svg, width: outerWidth, height };
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveSvg(svg: string, fileName: string): void {
  download(new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`], { type: "image/svg+xml" }), fileName);
}

/** The SVG drawn at twice its size (sharp on high-density screens and in documents). */
export async function savePng(svg: string, width: number, height: number, fileName: string): Promise<void> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement("canvas");
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw on a canvas");
  context.scale(scale, scale);
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("The PNG could not be made");
  download(blob, fileName);
}
