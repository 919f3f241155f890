package se.region.cdr.core.rm;

import com.nedap.archie.rm.composition.Composition;
import com.nedap.archie.rm.composition.EventContext;
import com.nedap.archie.rm.datatypes.CodePhrase;
import com.nedap.archie.rm.datavalues.DvCodedText;
import com.nedap.archie.rminfo.ArchieRMInfoLookup;
import com.nedap.archie.rminfo.RMTypeInfo;
import com.nedap.archie.terminology.OpenEHRTerminologyAccess;
import com.nedap.archie.terminology.TermCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two openEHR-terminology invariants every composition meets, checked from code sets read
 * once: COMPOSITION {@code Category_validity} (category in group "composition category") and
 * EVENT_CONTEXT {@code Setting_valid} (setting in group "setting").
 *
 * <p>Archie checks them as RM invariants, and its terminology lookup scans every openEHR term on
 * each call (about 6 % of a commit's CPU in a W1 profile). On first use this class takes the two
 * invariants out of Archie's RM type info, and {@link #violations} checks the same condition (a
 * code of the group, the terminology id equal ignoring case, a missing code passes) without the scan.
 */
final class OpenEhrGroupCodes {
  private static final Set<String> CATEGORIES = codes("composition category");
  private static final Set<String> SETTINGS = codes("setting");
  private static final boolean CATEGORY_CHECKED_HERE = install(Composition.class, "categoryValid", CATEGORIES);
  private static final boolean SETTING_CHECKED_HERE = install(EventContext.class, "settingValid", SETTINGS);

  private OpenEhrGroupCodes() {}

  /** "path: message" for a category or setting outside its openEHR group. */
  static List<String> violations(Composition composition) {
    List<String> out = new ArrayList<>();
    if (CATEGORY_CHECKED_HERE && !inGroup(composition.getCategory(), CATEGORIES)) {
      out.add("/category: Invariant Category_validity failed on type COMPOSITION: "
          + describe(composition.getCategory()) + " is not in the openEHR group 'composition category'");
    }
    EventContext context = composition.getContext();
    if (SETTING_CHECKED_HERE && context != null && !inGroup(context.getSetting(), SETTINGS)) {
      out.add("/context/setting: Invariant Setting_valid failed on type EVENT_CONTEXT: "
          + describe(context.getSetting()) + " is not in the openEHR group 'setting'");
    }
    return out;
  }

  private static boolean inGroup(DvCodedText value, Set<String> group) {
    if (value == null || value.getDefiningCode() == null || value.getDefiningCode().getCodeString() == null) {
      return true;
    }
    CodePhrase code = value.getDefiningCode();
    if (code.getTerminologyId() == null) {
      return group.contains(key(null, code.getCodeString()));
    }
    return group.contains(key(code.getTerminologyId().getValue(), code.getCodeString()));
  }

  private static String describe(DvCodedText value) {
    CodePhrase code = value.getDefiningCode();
    return (code.getTerminologyId() == null ? "" : code.getTerminologyId().getValue() + "::") + code.getCodeString();
  }

  /** Keys "terminology|code" (terminology lower case) and "*|code" for a code phrase without terminology id. */
  private static Set<String> codes(String group) {
    Set<String> keys = new HashSet<>();
    for (TermCode term : OpenEHRTerminologyAccess.getInstance().getTermsByOpenEHRGroup(group, "en")) {
      keys.add(key(term.getTerminologyId(), term.getCodeString()));
      keys.add(key(null, term.getCodeString()));
    }
    return Set.copyOf(keys);
  }

  private static String key(String terminologyId, String code) {
    return (terminologyId == null ? "*" : terminologyId.toLowerCase(Locale.ROOT)) + "|" + code;
  }

  /** Takes an invariant out of Archie's type info when its code set is known; true if it was. */
  private static boolean install(Class<?> rmClass, String method, Set<String> codes) {
    if (codes.isEmpty()) {
      return false; // no terminology to check against: Archie keeps checking it
    }
    try {
      return remove(ArchieRMInfoLookup.getInstance().getTypeInfo(rmClass), method);
    } catch (UnsupportedOperationException e) {
      return false; // an unmodifiable list: Archie keeps checking it
    }
  }

  private static boolean remove(RMTypeInfo type, String method) {
    return type != null && type.getInvariants().removeIf(i -> i.getMethod().getName().equals(method));
  }
}
