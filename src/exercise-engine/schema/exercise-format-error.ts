/** An exercise folder that does not follow the format; the message names the file and the field. */
export class ExerciseFormatError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(field === undefined ? `${file}: ${detail}` : `${file}: ${field}: ${detail}`);
    this.name = 'ExerciseFormatError';
  }
}
