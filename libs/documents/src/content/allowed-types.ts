/** A kind of content documents may hold, as its content is detected (magic bytes). */
export interface AllowedType {
  contentType: string;
  label: string;
}

/**
 * The allow-list. Everything else — executables, archives, scripts, HTML, SVG — is refused
 * whatever the file is called. Office formats are ZIP containers recognised by their entries.
 */
export const ALLOWED_BINARY_TYPES: readonly AllowedType[] = [
  { contentType: 'application/pdf', label: 'PDF' },
  { contentType: 'image/png', label: 'PNG' },
  { contentType: 'image/apng', label: 'PNG (animated)' },
  { contentType: 'image/jpeg', label: 'JPEG' },
  { contentType: 'image/gif', label: 'GIF' },
  { contentType: 'image/webp', label: 'WebP' },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word (docx)',
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel (xlsx)',
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint (pptx)',
  },
  { contentType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text (odt)' },
  {
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'OpenDocument spreadsheet (ods)',
  },
];

/**
 * Plain text has no magic bytes: it is accepted only when the upload says it is CSV or text
 * (by its name's extension or its declared type) and its content is UTF-8 without NUL bytes.
 */
export const TEXT_TYPES = {
  csv: { contentType: 'text/csv; charset=utf-8', label: 'CSV (UTF-8)' },
  txt: { contentType: 'text/plain; charset=utf-8', label: 'Plain text (UTF-8)' },
} as const satisfies Record<string, AllowedType>;

/** Every allowed kind, for error messages and the OpenAPI description. */
export const ALLOWED_TYPES: readonly AllowedType[] = [
  ...ALLOWED_BINARY_TYPES,
  TEXT_TYPES.csv,
  TEXT_TYPES.txt,
];
