import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Report } from './report.entity';

/** One slice (~256 KiB) of a built report's file, in order; deleted with its report. */
@Check('report_chunks_seq_check', `seq >= 0`)
@Entity({ name: 'report_chunks' })
export class ReportChunk {
  @PrimaryColumn('uuid')
  reportId: string;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Report;

  @PrimaryColumn('integer')
  seq: number;

  @Column('bytea')
  bytes: Buffer;
}
