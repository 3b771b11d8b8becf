import {
  BusinessRuleError,
  PayloadTooLargeError,
  ProblemEntry,
  UnsupportedMediaTypeError,
  ValidationFailedError,
  entriesOf,
  notFoundEntry,
} from '@catalyst/common';
import { ALLOWED_TYPES } from '../content/allowed-types';

export class DocumentTooLargeError extends PayloadTooLargeError {
  static readonly code = 'document.too_large';
  static readonly meaning =
    'The file is larger than DOCUMENT_MAX_BYTES (`maxBytes`); nothing was stored.';
  constructor(maxBytes: number) {
    super(
      DocumentTooLargeError.code,
      `The file is larger than the ${maxBytes} bytes a document may have; nothing was stored.`,
    );
    this.extensions.maxBytes = maxBytes;
  }
}

export class UnsupportedDocumentTypeError extends UnsupportedMediaTypeError {
  static readonly code = 'document.unsupported_type';
  static readonly meaning =
    'The file’s content (not its name) is not of an allowed type (`allowedTypes`); nothing was stored.';
  constructor(reason?: string) {
    super(
      UnsupportedDocumentTypeError.code,
      `${reason ?? 'The file’s content is not of an allowed type.'} Documents may be ${ALLOWED_TYPES.map((t) => t.label).join(', ')}; ` +
        'the type is judged by the content, not by the file name. Nothing was stored.',
    );
    this.extensions.allowedTypes = ALLOWED_TYPES.map((t) => t.contentType);
  }
}

export class DocumentFileMissingError extends ValidationFailedError {
  static readonly code = 'document.file_missing';
  static readonly meaning =
    'The upload carries no file: send it as the multipart field `file`, after the text fields.';
  constructor() {
    super(
      'Send the file as the multipart/form-data field `file`, after attachToType and attachToId.',
      [{ field: 'file', message: 'is required' }],
      DocumentFileMissingError.code,
    );
  }
}

export class DocumentEmptyError extends ValidationFailedError {
  static readonly code = 'document.empty';
  static readonly meaning = 'The file is empty (0 bytes).';
  constructor() {
    super('The file is empty.', [{ field: 'file', message: 'is empty' }], DocumentEmptyError.code);
  }
}

export class UnknownAttachmentTypeError extends ValidationFailedError {
  static readonly code = 'document.unknown_attachment_type';
  static readonly meaning = 'Documents cannot be attached to that kind of thing (`attachToType`).';
  constructor(field: string, type: string, known: readonly string[]) {
    super(
      `Documents cannot be attached to '${type}'.`,
      [{ field, message: `must be one of: ${known.join(', ')}` }],
      UnknownAttachmentTypeError.code,
    );
  }
}

export class DocumentReferenceError extends BusinessRuleError {
  static readonly code = 'document.invalid_reference';
  static readonly meaning =
    'Some referenced documents (`documentIds`) do not exist, are not visible to you, or are not attached to this object.';
  constructor(documentIds: readonly string[], attachedTo: { type: string; id: string }) {
    super(
      DocumentReferenceError.code,
      `${documentIds.length === 1 ? 'A referenced document does' : `${documentIds.length} referenced documents do`} ` +
        `not exist, are not visible to you, or are not attached to this ${attachedTo.type}: ` +
        `upload them with attachToType '${attachedTo.type}' and attachToId '${attachedTo.id}' first.`,
    );
    this.extensions.documentIds = [...documentIds];
  }
}

export const DOCUMENT_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    DocumentTooLargeError,
    UnsupportedDocumentTypeError,
    DocumentFileMissingError,
    DocumentEmptyError,
    UnknownAttachmentTypeError,
    DocumentReferenceError,
  ),
  notFoundEntry('Document'),
];
