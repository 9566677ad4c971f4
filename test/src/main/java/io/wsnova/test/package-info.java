/**
 * Testing wsnova handlers: {@link io.wsnova.test.HandlerHarness} drives a handler without a network on a
 * {@link io.wsnova.test.VirtualClock}; {@link io.wsnova.test.MockWebSocketServer} is a scripted server for
 * tests of the real client, with {@link io.wsnova.test.MockWebSocketServerExtension} for JUnit 5.
 */
package io.wsnova.test;
