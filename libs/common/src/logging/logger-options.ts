import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import type { IncomingMessage } from 'node:http';

/** pino JSON logs; every request line carries the request's correlation id. */
export function loggerOptions(config: AppConfig, service: string): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      base: { service },
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'none',
      customAttributeKeys: { reqId: 'correlationId' },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
      // Request lines stay short: method, path and status; the correlation id ties them together.
      serializers: {
        req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
    },
  };
}
