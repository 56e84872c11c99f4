package io.synod.threshold.inprocess;

/** Wraps every member-local step (lets a benchmark time members individually without a clock in this module). */
@FunctionalInterface
public interface StepObserver {
    void run(String phase, int member, Runnable step);

    StepObserver DIRECT = (phase, member, step) -> step.run();
}
