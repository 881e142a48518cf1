/** A bad setting of `nps-collector`: the message names it, says what it must be, and what it got. */
export class SettingError extends TypeError {
  /**
   * @param setting the environment variable, e.g. `PORT`
   * @param expected what it must be, e.g. `a whole number up to 65535`
   * @param got its value, quoted in the message; left out for secrets
   */
  constructor(
    readonly setting: string,
    expected: string,
    got?: string,
  ) {
    super(`${setting} must be ${expected}${got === undefined ? '' : `, got ${JSON.stringify(got)}`}`);
    this.name = 'SettingError';
  }
}
