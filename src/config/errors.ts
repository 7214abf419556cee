/** The user's mistake (configuration, inputs, checkout): the message says what to change. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  constructor(
    message: string,
    readonly fix?: string,
  ) {
    super(message);
  }
}
