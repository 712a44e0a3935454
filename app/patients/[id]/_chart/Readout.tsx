"use client";

import type { ReadoutText } from "@/lib/timeline";
import styles from "./chart.module.css";

/** What the crosshair reads, lane by lane: every value of the day under it, as recorded. */
export function Readout({ text, referenceLabel, pinned = false }: { text: ReadoutText | undefined; referenceLabel?: string; pinned?: boolean }) {
  // pinned: the crosshair is placed; on a narrow screen the readout then stays in view at the bottom of the
  // screen while the chart is, next to the crosshair rather than below six lanes.
  return (
    <section tabIndex={0} className={`${styles.readout}${pinned ? ` ${styles.readoutPinned}` : ""}`} aria-labelledby="readout-heading" data-testid="readout">
      <h3 id="readout-heading" className={styles.readoutHeading}>
        {text ? text.heading : "Readout"}
      </h3>
      {text ? (
        <>
          {referenceLabel ? <p className={styles.readoutReference}>Day 0: {referenceLabel}</p> : null}
          {text.lanes.map((lane) => (
            <div key={lane.lane} className={styles.readoutLane} data-readout-lane={lane.lane}>
              <h4>{lane.title}</h4>
              {lane.empty ? (
                <p className={styles.readoutEmpty}>—</p>
              ) : (
                <ul>
                  {lane.context.map((c) => (
                    <li key={`c-${c}`} className={styles.readoutContext}>
                      {c}
                    </li>
                  ))}
                  {lane.items.map((item) => (
                    <li key={`i-${item.name}`}>
                      <span className={styles.readoutName}>{item.name}</span>{" "}
                      {item.values.length === 1 ? (
                        item.values[0]
                      ) : (
                        <ul>
                          {item.values.map((v, i) => (
                            <li key={i}>{v}</li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                  {lane.events.map((e, i) => (
                    <li key={`e-${i}`} className={styles.readoutEvent}>
                      {e}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </>
      ) : (
        <p className={styles.readoutEmpty}>Point at the chart, or focus it and use the arrow keys, to read every value of a day.</p>
      )}
    </section>
  );
}
