/**
 * The policy engine: Calico's model, manifests, selectors and evaluation, in plain Java. Its sub-packages
 * ({@code model}, {@code manifest}, {@code selector}, {@code eval}) are all part of its API, so the module is
 * open; the engine depends on no other module and on nothing but the JDK and Jackson.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.tierdeck.engine;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
