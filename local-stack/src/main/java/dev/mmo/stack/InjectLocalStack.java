package dev.mmo.stack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link LocalStack} field of a Quarkus test that {@link LocalStackTestResource} fills with the running
 * stack, e.g. to stop and restart Kafka.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectLocalStack {}
