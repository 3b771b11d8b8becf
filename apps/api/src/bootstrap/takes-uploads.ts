/**
 * The Fastify route config of routes that take multipart/form-data uploads
 * (`@RouteConfig(TAKES_UPLOADS)`): every other route refuses a multipart body with 415.
 */
export const TAKES_UPLOADS = { takesUploads: true } as const;

export function takesUploads(config: unknown): boolean {
  return (config as { takesUploads?: boolean } | undefined)?.takesUploads === true;
}
