// What the lane tells the rest of the core after each step: the UI (through the dispatcher's
// events) and the outbox drainer (woken so a new passage leaves at once).
import type { Dispatcher } from '../api/dispatcher.ts';
import type { EventPayload } from '../api/contract.ts';
import type { PassageViews } from '../ledger/passage-views.ts';

export class LaneEvents {
  private readonly dispatcher: Dispatcher;
  private readonly views: PassageViews;
  private readonly wakeOutbox: () => void;

  constructor(dispatcher: Dispatcher, views: PassageViews, wakeOutbox: () => void) {
    this.dispatcher = dispatcher;
    this.views = views;
    this.wakeOutbox = wakeOutbox;
  }

  passageCreated(passageId: string): void {
    const view = this.views.byId(passageId);
    if (view) this.dispatcher.emit('passage.created', view);
  }

  barrierChanged(e: EventPayload<'barrier.changed'>): void {
    this.dispatcher.emit('barrier.changed', e);
  }

  outboxChanged(): void {
    this.wakeOutbox();
  }
}
