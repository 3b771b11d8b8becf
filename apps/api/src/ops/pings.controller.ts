import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { PingRequestDto, PingService } from '@catalyst/ops';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/route-policy.decorator';

@ApiTags('operations')
@ApiBearerAuth()
@Roles('programme_manager')
@Controller('ops/pings')
export class PingsController {
  constructor(private readonly pings: PingService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a ping job: proves API → queue → worker → PostgreSQL works' })
  async send(
    @CurrentActor() actor: Actor,
    @Body() body: PingRequestDto,
  ): Promise<{ pingId: string }> {
    return { pingId: await this.pings.send(actor, body.pingId) };
  }

  @Get(':pingId')
  @ApiOperation({ summary: 'Whether a worker has recorded the ping' })
  async receipt(@Param('pingId', ParseUUIDPipe) pingId: string) {
    const receipt = await this.pings.receipt(pingId);
    if (!receipt) throw new NotFoundError('Ping receipt', pingId);
    return {
      pingId: receipt.pingId,
      receivedAt: receipt.receivedAt.toISOString(),
      handledBy: receipt.handledBy,
    };
  }
}
