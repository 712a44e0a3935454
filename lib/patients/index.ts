export { createPatient, getPatient, listPatients } from "./patients";
export { amendEvent, getEvent, getEventHistory, getTimeline, getTimelinePage, markEnteredInError, recordEvent, recordEvents } from "./events";
export { timelinePageQuery, type TimelinePage, type TimelinePageQuery } from "./timeline-query";
export type { ServiceContext } from "./context";
export type { Result, ServiceError } from "./result";
