import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server process. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({ name: 'voicefiles_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly httpDuration = new Histogram({
    name: 'voicefiles_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
    registers: [this.registry],
  });
  readonly agentSessions = new Gauge({ name: 'voicefiles_agent_sessions', help: 'Open agent WebSocket sessions', registers: [this.registry] });
  readonly uploadBytes = new Counter({ name: 'voicefiles_upload_bytes_total', help: 'Bytes accepted through intake', registers: [this.registry] });

  readonly quotaWarnings = new Counter({ name: 'voicefiles_quota_warnings_total', help: 'Quota warnings given, by threshold (percent) and measure (bytes or files)', labelNames: ['percent', 'measure'], registers: [this.registry] });
  readonly quotaRefusals = new Counter({ name: 'voicefiles_quota_refusals_total', help: 'Uploads refused because the tenant quota was used up', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'voicefiles_' });
  }
}
