package dev.tierdeck.cluster;

import java.util.List;

/** Drift found by the background reconciler, and the restore operation (for admins). */
public interface ClusterDrift {

    /** The drift found by the latest reconciler run, oldest first. */
    List<Drift> drift();

    /**
     * Puts the object back as Tierdeck expects it (re-applies its content, re-creates it, or removes an object created
     * in a locked tier), as {@code admin}, guarded by the resourceVersion seen during detection.
     *
     * @throws ClusterNotFoundException when no drift has this id (any more)
     */
    WriteOutcome restore(ActingUser admin, String driftId);
}
