// Small black-and-white rasters shared by the printer bytes and the preview.
import { PNG } from 'pngjs';

/** Rows (dots) of a rule and its thickness: one 24-dot band, so a Star prints it without padding. */
export const RULE_HEIGHT = 24;
export const RULE_THICKNESS = 3;

/** Threshold RGBA pixels to pure black and white: a thermal head has no grey, so the preview shows none either. */
export function oneBitPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    const lum = 0.2126 * rgba[o]! + 0.7152 * rgba[o + 1]! + 0.0722 * rgba[o + 2]!;
    const v = lum < 128 ? 0 : 255;
    png.data[o] = png.data[o + 1] = png.data[o + 2] = v;
    png.data[o + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 0 });
}

/** A full-width rule: a line printed as a raster, the same on every printer and in the preview. */
export function ruleImage(widthDots: number): Buffer {
  const rgba = new Uint8Array(widthDots * RULE_HEIGHT * 4).fill(255);
  const top = (RULE_HEIGHT - RULE_THICKNESS) >> 1;
  for (let y = top; y < top + RULE_THICKNESS; y++)
    for (let x = 0; x < widthDots; x++) rgba.fill(0, (y * widthDots + x) * 4, (y * widthDots + x) * 4 + 3);
  return oneBitPng(rgba, widthDots, RULE_HEIGHT);
}
