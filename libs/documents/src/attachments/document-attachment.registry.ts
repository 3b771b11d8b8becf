import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { UnknownAttachmentTypeError } from '../documents/document.errors';
import { ATTACHMENT_TYPE_METADATA, DocumentAttachmentType } from './document-attachment-type';

/**
 * The kinds of thing documents can be attached to: every provider marked
 * `@AttachesDocuments('<type>')` in the application, found at start. Two providers of one
 * type fail the start, as two handlers of one job do.
 */
@Injectable()
export class DocumentAttachmentRegistry implements OnApplicationBootstrap {
  private readonly byType = new Map<string, DocumentAttachmentType>();

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const owners = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      const metatype = wrapper.metatype;
      if (!instance || !metatype) continue;
      const type = Reflect.getMetadata(ATTACHMENT_TYPE_METADATA, metatype as object) as
        string | undefined;
      if (!type) continue;
      owners.set(type, [...(owners.get(type) ?? []), (metatype as { name: string }).name]);
      this.byType.set(type, instance as DocumentAttachmentType);
    }
    const twice = [...owners].filter(([, names]) => new Set(names).size > 1);
    if (twice.length) {
      throw new Error(
        `Document attachment types are provided twice: ${twice
          .map(([type, names]) => `'${type}' by ${names.join(', ')}`)
          .join('; ')}`,
      );
    }
  }

  /** The registered type names, sorted. */
  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  find(type: string): DocumentAttachmentType | undefined {
    return this.byType.get(type);
  }

  /** The type named in a request; 400 naming `field` when none is registered under it. */
  get(type: string, field = 'attachToType'): DocumentAttachmentType {
    const found = this.byType.get(type);
    if (!found) throw new UnknownAttachmentTypeError(field, type, this.types());
    return found;
  }
}
