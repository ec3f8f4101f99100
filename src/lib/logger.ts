import winston from 'winston';
import { tryGetConfig } from '../config';
import { currentContext } from './request-context';
import { activeTraceId } from './trace-id';

/**
 * Stamps every line with the request id of the request being served and the trace id (tracing on),
 * so a log line leads to its trace and back.
 */
const withRequestId = winston.format((info) => {
  const context = currentContext();
  if (context?.requestId && info.requestId === undefined) info.requestId = context.requestId;
  const traceId = context?.traceId ?? activeTraceId();
  if (traceId && info.traceId === undefined) info.traceId = traceId;
  return info;
});

function buildLogger(): winston.Logger {
  const { LOG_LEVEL, LOG_FORMAT } = tryGetConfig() ?? { LOG_LEVEL: 'info', LOG_FORMAT: 'json' };
  const format =
    LOG_FORMAT === 'json'
      ? winston.format.combine(
          withRequestId(),
          winston.format.timestamp(),
          winston.format.errors({ stack: true }),
          winston.format.json(),
        )
      : winston.format.combine(
          withRequestId(),
          winston.format.timestamp({ format: 'HH:mm:ss.SSS' }),
          winston.format.errors({ stack: true }),
          winston.format.colorize(),
          winston.format.printf(({ timestamp, level, message, requestId, traceId, stack, ...rest }) => {
            const id =
              typeof requestId === 'string'
                ? ` [${requestId.slice(0, 8)}${typeof traceId === 'string' ? ` ${traceId.slice(0, 8)}` : ''}]`
                : '';
            const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
            const trace = typeof stack === 'string' ? `\n${stack}` : '';
            return `${String(timestamp)} ${level}${id} ${String(message)}${extra}${trace}`;
          }),
        );
  return winston.createLogger({
    level: LOG_LEVEL === 'silent' ? 'error' : LOG_LEVEL,
    silent: LOG_LEVEL === 'silent',
    format,
    transports: [new winston.transports.Console()],
  });
}

export const logger = buildLogger();
