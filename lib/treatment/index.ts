export { proposeNextCycle, type CycleProposal } from "./next-cycle";
