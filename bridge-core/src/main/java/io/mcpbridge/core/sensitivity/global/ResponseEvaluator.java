package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.port.RunControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Evaluates a scalar response on many parameter vectors with a fixed number of concurrent
 * evaluations.
 *
 * <p>Workers take the next vector from a shared counter, so the results do not depend on the
 * parallelism. Before every evaluation the caller's {@link RunControl} is consulted (progress is
 * reported as evaluations done out of the total): a cancellation or an expired deadline stops
 * the run between evaluations, the running ones finish, no new one starts, and the {@code
 * RunCancelledException} or {@code TimeoutException} propagates. An exception thrown by the
 * response stops the run the same way and propagates unchanged. The response must be safe to
 * call from several threads at once; it receives its own copy of each vector.
 */
public final class ResponseEvaluator {
  private final ExecutorService executor;
  private final int parallelism;

  private ResponseEvaluator(ExecutorService executor, int parallelism) {
    if (parallelism < 1) {
      throw new InvalidInputException("parallelism must be at least 1, got " + parallelism);
    }
    this.executor = executor;
    this.parallelism = parallelism;
  }

  /**
   * Runs on threads of its own, created for each {@link #evaluate} call and stopped after it.
   *
   * @param parallelism concurrent evaluations, ≥ 1
   */
  public static ResponseEvaluator withThreads(int parallelism) {
    return new ResponseEvaluator(null, parallelism);
  }

  /**
   * Runs on the caller's executor, which it neither owns nor shuts down.
   *
   * @param executor where evaluations run
   * @param parallelism how many of its threads to occupy at most, ≥ 1
   */
  public static ResponseEvaluator on(ExecutorService executor, int parallelism) {
    return new ResponseEvaluator(Objects.requireNonNull(executor, "executor"), parallelism);
  }

  /**
   * The response at every vector.
   *
   * @param vectors parameter vectors
   * @param response the scalar response
   * @param control cancellation, deadline and progress
   * @return the responses, in {@code vectors} order
   */
  public double[] evaluate(double[][] vectors, ToDoubleFunction<double[]> response, RunControl control) {
    Objects.requireNonNull(response, "response");
    double[][] each = evaluateEach(vectors, v -> new double[] {response.applyAsDouble(v)}, control);
    double[] out = new double[each.length];
    for (int i = 0; i < each.length; i++) {
      out[i] = each[i][0];
    }
    return out;
  }

  /**
   * Several responses at every vector, from one evaluation each (one simulation gives every PK
   * parameter of every output).
   *
   * @param vectors parameter vectors
   * @param response the responses at one vector
   * @param control cancellation, deadline and progress
   * @return the responses, row i for {@code vectors[i]}
   */
  public double[][] evaluateEach(double[][] vectors, Function<double[], double[]> response, RunControl control) {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(control, "control");
    int total = vectors.length;
    double[][] out = new double[total][];
    if (total == 0) {
      return out;
    }
    ExecutorService pool = executor != null ? executor : Executors.newFixedThreadPool(
        Math.min(parallelism, total), runnable -> {
          Thread thread = new Thread(runnable, "global-sensitivity");
          thread.setDaemon(true);
          return thread;
        });
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    Object controlLock = new Object();
    Runnable worker = () -> {
      try {
        while (!stop.get()) {
          int i = next.getAndIncrement();
          if (i >= total) {
            return;
          }
          synchronized (controlLock) {
            control.checkpoint(done.get(), total);
          }
          out[i] = response.apply(vectors[i].clone());
          done.incrementAndGet();
        }
      } catch (RuntimeException | Error e) {
        stop.set(true);
        throw e;
      }
    };
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int w = 0; w < Math.min(parallelism, total); w++) {
        futures.add(pool.submit(worker));
      }
      Throwable failure = null;
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          stop.set(true);
          if (failure == null) {
            failure = e.getCause();
          }
        } catch (InterruptedException e) {
          stop.set(true);
          Thread.currentThread().interrupt();
          throw new RunCancelledException("global sensitivity run interrupted after " + done.get() + " of "
              + total + " evaluations");
        }
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
      synchronized (controlLock) {
        control.progress().onProgress(total, total);
      }
      return out;
    } finally {
      stop.set(true);
      if (executor == null) {
        pool.shutdownNow();
      }
    }
  }
}
