import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { NotReadyError, QueueHealthIndicator } from '@catalyst/ops';
import { Public } from '../auth/route-policy.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'The process is up (no dependencies checked)' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary: 'PostgreSQL and the queue backend answer; 503 naming the one that failed otherwise',
  })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.db.pingCheck('database', { timeout: 2000 }),
        () => this.queue.check('queue'),
      ]);
    } catch (error) {
      // Terminus's 503 carries the per-check details; as a bare HttpException the problem
      // document would lose them, and with them which dependency failed.
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as Partial<HealthCheckResult>;
        throw new NotReadyError(body.details ?? {});
      }
      throw error;
    }
  }
}
