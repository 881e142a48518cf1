/** Settings of `GET /api/themes` (the `themes` option of `createCollector`). */
export interface ThemeOptions {
  /** The newest comments in a range that are compared; older ones are left out. @default 20000 */
  sampleSize?: number;
  /** Fewer detractor comments, or fewer promoter comments, than this: "too few comments". @default 20 */
  minComments?: number;
  /** A term is reported for a side only when at least this many of that side's comments mention it. @default 5 */
  minMentions?: number;
  /**
   * The weight of the prior, in pseudo-mentions per comment compared: α₀ = priorPerComment × comments
   * compared, spread over the terms by their frequency in all of them (see README "Themes").
   * @default 1
   */
  priorPerComment?: number;
}

/** {@link ThemeOptions} with every default filled in. */
export type ThemeSettings = Required<ThemeOptions>;

/** The defaults of {@link ThemeOptions}. */
export const DEFAULT_THEME_SETTINGS: ThemeSettings = {
  sampleSize: 20_000,
  minComments: 20,
  minMentions: 5,
  priorPerComment: 1,
};

const LIMITS: Record<keyof ThemeSettings, { min: number; max: number; integer: boolean }> = {
  sampleSize: { min: 100, max: 100_000, integer: true },
  minComments: { min: 1, max: 10_000, integer: true },
  minMentions: { min: 1, max: 10_000, integer: true },
  priorPerComment: { min: 0.01, max: 100, integer: false },
};

/**
 * The theme settings from the `themes` option; a value out of range is a `TypeError` naming it.
 * @example resolveThemeOptions({ minComments: 50 }) // { sampleSize: 20000, minComments: 50, minMentions: 5, priorPerComment: 1 }
 */
export function resolveThemeOptions(options: ThemeOptions = {}): ThemeSettings {
  const settings = { ...DEFAULT_THEME_SETTINGS };
  for (const key of Object.keys(LIMITS) as (keyof ThemeSettings)[]) {
    const value = options[key];
    if (value === undefined) continue;
    const { min, max, integer } = LIMITS[key];
    if (typeof value !== 'number' || !(value >= min && value <= max) || (integer && !Number.isInteger(value)))
      throw new TypeError(
        `createCollector: themes.${key} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(value)}`,
      );
    settings[key] = value;
  }
  return settings;
}
