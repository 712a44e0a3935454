import type { TimelineModel } from "./types";

/**
 * The same chart with day 0 on another of its reference choices (a diagnosis, the first cycle of a line).
 * Only the relative axis changes, so the chart can relabel at once without a new model from the server.
 * An id that is not a choice leaves the model as it is.
 */
export function withReference(model: TimelineModel, eventId: string): TimelineModel {
  const choice = model.axis.choices.find((c) => c.eventId === eventId);
  if (!choice || model.axis.reference?.eventId === eventId) return model;
  return {
    ...model,
    axis: { ...model.axis, origin: Math.floor(choice.x), reference: { eventId: choice.eventId, date: choice.date, label: choice.label } },
  };
}
