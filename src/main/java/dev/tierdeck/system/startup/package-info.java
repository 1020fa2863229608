/**
 * Start-up checks: settings given by halves end the start with one clear line (see
 * {@link dev.tierdeck.system.MissingSettingException}).
 */
@NullMarked
package dev.tierdeck.system.startup;

import org.jspecify.annotations.NullMarked;
