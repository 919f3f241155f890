package se.region.cdr.core.rm;

import static java.util.Objects.requireNonNull;

import com.nedap.archie.rm.composition.Composition;
import com.nedap.archie.rminfo.ArchieRMInfoLookup;
import com.nedap.archie.rminfo.InvariantMethod;
import com.nedap.archie.rminfo.RMAttributeInfo;
import com.nedap.archie.rminfo.RMTypeInfo;
import com.nedap.archie.rmobjectvalidator.RMObjectValidationMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ehrbase.openehr.sdk.serialisation.walker.Context;
import org.ehrbase.openehr.sdk.serialisation.walker.Walker;
import org.ehrbase.openehr.sdk.serialisation.walker.defaultvalues.DefaultValues;
import org.ehrbase.openehr.sdk.validation.CompositionValidator;
import org.ehrbase.openehr.sdk.validation.ConstraintViolation;
import org.ehrbase.openehr.sdk.validation.webtemplate.ValidationWalker;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplate;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplateNode;

/**
 * The EHRbase SDK's {@link CompositionValidator#validate(Composition, WebTemplate)} for one
 * template (Archie's RM object validator, then the SDK's walk over the web template), with the
 * state the SDK re-creates on every call kept instead: the walker with its path-query cache (one
 * per thread, as neither is thread-safe) and the copy of the web template tree.
 *
 * <p>Deliberate deviation from the SDK's API: its entry point {@code Walker.walk} deep-copies the
 * whole web template on every call, because the walk adds the RM subtypes of the nodes it visits
 * (DV_CODED_TEXT beside DV_TEXT, POINT_EVENT and INTERVAL_EVENT for EVENT, the PARTY_PROXY
 * subtypes). Those additions are idempotent, so a walked copy gives the same result on the next
 * walk: walked copies are pooled (one per concurrent walk) and the walk is entered at the SDK's
 * private {@code Walker.handle} by reflection. Should an SDK upgrade remove that method, the public
 * entry point (with its copy) is used.
 */
final class WebTemplateValidation {
  private static final ThreadLocal<CompositionValidator> SDK = ThreadLocal.withInitial(CompositionValidator::new);
  private static final ThreadLocal<ValidationWalker> WALKER = ThreadLocal.withInitial(() -> new ValidationWalker(null, false));
  private static final Method HANDLE = handleMethod();
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  /** Validations running now, on any template: the RM check gets its own thread only while cores are spare. */
  private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
  private static final ExecutorService RM_CHECKS = Executors.newFixedThreadPool(Math.max(1, CORES - 1), r -> {
    Thread t = new Thread(r, "rm-validation");
    t.setDaemon(true);
    return t;
  });

  static {
    skipAccessChecks();
  }

  private final WebTemplate webTemplate;
  private final Queue<WebTemplateNode> walkedTrees = new ConcurrentLinkedQueue<>();

  WebTemplateValidation(WebTemplate webTemplate) {
    this.webTemplate = requireNonNull(webTemplate, "webTemplate is null");
  }

  /**
   * The same violations as the SDK's {@code CompositionValidator().validate(composition, webTemplate)}:
   * Archie's RM findings if there are any, else the web-template walk's.
   *
   * <p>The two checks only read the composition, so while fewer validations run than there are
   * cores, the RM check runs on a second thread beside the walk (a single client's commit waits
   * for the longer of the two instead of their sum); under load they run one after the other.
   */
  List<ConstraintViolation> validate(Composition composition) {
    if (IN_FLIGHT.incrementAndGet() >= CORES) {
      try {
        List<ConstraintViolation> rm = rmViolations(composition);
        return rm.isEmpty() ? walk(composition) : rm;
      } finally {
        IN_FLIGHT.decrementAndGet();
      }
    }
    try {
      Future<List<ConstraintViolation>> rm = RM_CHECKS.submit(() -> rmViolations(composition));
      List<ConstraintViolation> walked;
      try {
        walked = walk(composition);
      } catch (RuntimeException | Error e) {
        List<ConstraintViolation> rmFound = await(rm);
        if (!rmFound.isEmpty()) {
          return rmFound; // the SDK would not have walked a composition its RM check rejects
        }
        throw e;
      }
      List<ConstraintViolation> rmFound = await(rm);
      return rmFound.isEmpty() ? walked : rmFound;
    } finally {
      IN_FLIGHT.decrementAndGet();
    }
  }

  private static List<ConstraintViolation> rmViolations(Composition composition) {
    List<RMObjectValidationMessage> messages = SDK.get().getRmObjectValidator().validate(composition);
    return messages.stream().map(m -> new ConstraintViolation(m.getPath(), m.getMessage())).toList();
  }

  private static List<ConstraintViolation> await(Future<List<ConstraintViolation>> rm) {
    try {
      return rm.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while validating", e);
    }
  }

  /** The SDK's walk over the web template (pooled walked copy, see the class comment). */
  private List<ConstraintViolation> walk(Composition composition) {
    List<ConstraintViolation> result = new ArrayList<>();
    ValidationWalker walker = WALKER.get();
    if (HANDLE == null) {
      walker.walk(composition, result, webTemplate.getTree(), webTemplate.getTemplateId());
      return result;
    }
    WebTemplateNode tree = walkedTrees.poll();
    if (tree == null) {
      tree = new WebTemplateNode(webTemplate.getTree());
    }
    Context<List<ConstraintViolation>> context = new Context<>();
    context.getNodeDeque().push(tree);
    context.getObjectDeque().push(result);
    context.getRmObjectDeque().push(composition);
    context.setTemplateId(webTemplate.getTemplateId());
    context.setDefaultValues(new DefaultValues());
    try {
      HANDLE.invoke(walker, context);
    } catch (InvocationTargetException e) {
      // the tree may be half-walked: it is not returned to the pool
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    walkedTrees.offer(tree);
    return result;
  }

  /**
   * Archie's RM validator and path queries read every attribute, and run every invariant, through
   * the {@link Method}s of its RM type info, and {@code Method.invoke} checks the caller's access
   * on each call unless the method is marked accessible. These are public methods of public RM
   * classes, so marking them accessible once changes nothing but the cost of the check.
   */
  private static void skipAccessChecks() {
    for (RMTypeInfo type : ArchieRMInfoLookup.getInstance().getAllTypes()) {
      for (RMAttributeInfo attribute : type.getAttributes().values()) {
        makeAccessible(attribute.getGetMethod());
      }
      for (InvariantMethod invariant : type.getInvariants()) {
        makeAccessible(invariant.getMethod());
      }
    }
  }

  private static void makeAccessible(Method method) {
    try {
      if (method != null && Modifier.isPublic(method.getModifiers()) && Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
        method.setAccessible(true);
      }
    } catch (RuntimeException e) {
      // not accessible: Method.invoke keeps checking, as before
    }
  }

  private static Method handleMethod() {
    try {
      Method handle = Walker.class.getDeclaredMethod("handle", Context.class);
      handle.setAccessible(true);
      return handle;
    } catch (NoSuchMethodException | RuntimeException e) {
      return null;
    }
  }
}
