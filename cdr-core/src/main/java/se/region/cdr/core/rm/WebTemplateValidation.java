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

  static {
    skipAccessChecks();
  }

  private final WebTemplate webTemplate;
  private final Queue<WebTemplateNode> walkedTrees = new ConcurrentLinkedQueue<>();

  WebTemplateValidation(WebTemplate webTemplate) {
    this.webTemplate = requireNonNull(webTemplate, "webTemplate is null");
  }

  /** The same violations as the SDK's {@code CompositionValidator().validate(composition, webTemplate)}. */
  List<ConstraintViolation> validate(Composition composition) {
    List<RMObjectValidationMessage> messages = SDK.get().getRmObjectValidator().validate(composition);
    if (!messages.isEmpty()) {
      return messages.stream().map(m -> new ConstraintViolation(m.getPath(), m.getMessage())).toList();
    }
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
