/**
 * The documents library's domain events (see DomainEvents in libs/audit). The audit event's
 * entity is the document; `attachedTo` names the thing it belongs to.
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'document.uploaded': {
      name: string;
      size: number;
      sha256: string;
      contentType: string;
      attachedTo: { type: string; id: string };
      /** The side the uploader acted for (a programme manager for a team: `team`). */
      onBehalfOf?: string;
    };
    'document.deleted': {
      name: string;
      size: number;
      sha256: string;
      attachedTo: { type: string; id: string };
      /** The side the uploader acted for (a programme manager for a team: `team`). */
      onBehalfOf?: string;
    };
  }
}

export {};
