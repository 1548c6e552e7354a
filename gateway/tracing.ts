// OpenTelemetry tracing, switched on by the standard OTLP environment
// (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; service
// name OTEL_SERVICE_NAME, default lmc-gateway). @apollo/gateway already
// creates spans (gateway.request, gateway.plan, gateway.fetch, …) through the
// global OpenTelemetry API; registering a provider exports them, and the W3C
// traceparent header is passed to subgraph fetches (subgraph-data-source.ts).
import { context, propagation } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface Tracing {
  shutdown(): Promise<void>;
}

export function startTracing(env: NodeJS.ProcessEnv): Tracing | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined;
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': env.OTEL_SERVICE_NAME || 'lmc-gateway' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

/** Adds the active trace context (traceparent) to outgoing headers; nothing when tracing is off. */
export function injectTraceContext(set: (name: string, value: string) => void): void {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  for (const [name, value] of Object.entries(carrier)) set(name, value);
}
