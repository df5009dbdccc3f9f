/* test_detect.c - an undeclared article's language: libexttextcat's
 * answer, confirmed by function words or script, else the fallback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

static int setup(void **state)
{
    detector *d;
    if (detector_new(&d) != GZ_OK)
        return -1;
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    detector_free(*state);
    return 0;
}

/* The language of TEXT with English the index's default. */
static const char *lang_of(void **state, const char *text)
{
    static char out[LANG_MAX];
    assert_int_equal(detect_lang(*state, text, strlen(text), "en", out), GZ_OK);
    return out;
}

static void test_german_paragraph(void **state)
{
    assert_string_equal(lang_of(state,
        "Die Bundesregierung hat am Mittwoch beschlossen, dass die Häuser in "
        "der Stadt nicht mehr mit Gas geheizt werden dürfen. Das ist ein "
        "großer Schritt für den Klimaschutz, sagte die Ministerin, und er "
        "wird auch für die Mieter nicht billig sein."), "de");
}

static void test_french_paragraph(void **state)
{
    assert_string_equal(lang_of(state,
        "Le gouvernement a annoncé mercredi une hausse des impôts pour les "
        "ménages les plus riches. Cette mesure, qui doit entrer en vigueur "
        "l'année prochaine, a été vivement critiquée par l'opposition, qui "
        "dénonce un budget sans ambition pour les services publics."), "fr");
}

static void test_spanish_paragraph(void **state)
{
    assert_string_equal(lang_of(state,
        "El Gobierno aprobó este martes un plan para reducir el consumo de "
        "energía en los edificios públicos. Según el ministro, la medida "
        "permitirá ahorrar millones de euros cada año y servirá de ejemplo "
        "para las empresas que todavía no han hecho nada."), "es");
}

static void test_portuguese_paragraph(void **state)
{
    assert_string_equal(lang_of(state,
        "O governo anunciou nesta quarta-feira que vai aumentar o salário "
        "mínimo a partir do próximo mês. Segundo o ministro, a medida não "
        "terá impacto nas contas públicas, mas os economistas dizem que "
        "ainda é cedo para saber o que vai acontecer com a inflação."), "pt");
}

static void test_dutch_paragraph(void **state)
{
    assert_string_equal(lang_of(state,
        "De regering heeft woensdag besloten dat de belasting op benzine "
        "volgend jaar niet omhoog gaat. Volgens de minister is dat een "
        "goede zaak voor de mensen die elke dag met de auto naar hun werk "
        "moeten, maar de oppositie is het er niet mee eens."), "nl");
}

static void test_norwegian_paragraph(void **state)
{
    /* Bokmål: libexttextcat may name Danish beside it; the function words
     * decide, and both nb and nn are Snowball's one "no". */
    assert_string_equal(lang_of(state,
        "Regjeringen har bestemt at skatten på bensin ikke skal økes neste "
        "år. Ifølge statsministeren er det viktig for folk som må kjøre bil "
        "til jobben hver dag, men opposisjonen mener at det er feil å gi "
        "etter for presset fra bilistene i en tid med høye strømpriser."),
        "no");
}

static void test_arabic_paragraph(void **state)
{
    assert_string_equal(lang_of(state,
        "أعلنت الحكومة يوم الأربعاء عن خطة جديدة لخفض أسعار الوقود في جميع "
        "أنحاء البلاد، وقال وزير المالية إن هذه الخطوة ستساعد الأسر ذات "
        "الدخل المحدود على مواجهة ارتفاع تكاليف المعيشة خلال الأشهر المقبلة."),
        "ar");
}

static void test_chinese_paragraph(void **state)
{
    assert_string_equal(lang_of(state,
        "中华人民共和国国务院总理今天在北京会见了来访的德国总理，双方就"
        "经济合作、气候变化和国际贸易等问题深入交换了意见。会谈结束后，"
        "两国签署了多项合作协议。"), "zh");
}

/* A script only one language is written in names it however short the
 * text: a headline, a sentence (libexttextcat needs far more). */
static void test_short_text_in_a_script_of_its_own(void **state)
{
    assert_string_equal(lang_of(state, "港口工人结束罢工。"), "zh");
    assert_string_equal(lang_of(state, "罢工"), "zh");
    assert_string_equal(lang_of(state, "東京の港で労働者がストライキを終えた。"),
                        "ja");
    assert_string_equal(lang_of(state, "ストライキ"), "ja");
    assert_string_equal(lang_of(state, "항구 노동자들이 파업을 끝냈다."), "ko");
    assert_string_equal(lang_of(state, "คนงานท่าเรือยุติการนัดหยุดงานแล้ว"), "th");
    /* One letter is no word; an English sentence quoting a Chinese
     * word, or a Japanese name, stays English. */
    assert_string_equal(lang_of(state, "港"), "en");
    assert_string_equal(lang_of(state,
        "The strike, 罢工 in Chinese, ended on Wednesday after ten days of "
        "talks between the union and the port operators."), "en");
    assert_string_equal(lang_of(state,
        "Officials in 東京 said the port would reopen on Monday, once the "
        "cranes had been inspected."), "en");
    /* Han with a Kana letter or two, as Chinese may quote them, is not
     * Japanese. */
    assert_string_equal(lang_of(state, "中华人民共和国国务院总理会见了来访的"
                                       "德国总理双方交换了意见ア"), "zh");
}

static void test_english_is_the_fallback(void **state)
{
    assert_string_equal(lang_of(state,
        "The government said on Wednesday that it would raise taxes on the "
        "wealthy to pay for the new programme, which has been criticised "
        "by the opposition as too little and too late."), "en");
}

static void test_figure_table_is_the_fallback(void **state)
{
    /* Reuters earnings tables: libexttextcat names Catalan or German for
     * them; they have no function words of either. */
    assert_string_equal(lang_of(state,
        "Shr 27 cts vs 14 cts\nNet 1,234,000 vs 987,000\nRevs 12.3 mln vs "
        "10.1 mln\nAvg shrs 4.5 mln vs 4.4 mln\nNine mths\nShr 81 cts vs 52 "
        "cts\nNet 3,702,000 vs 2,410,000\nRevs 36.9 mln vs 30.2 mln"), "en");
    assert_string_equal(lang_of(state,
        "CBT SILVER OPG TREND 7-APR 1,000 OUNCE\n\nOPEN P SETT\n\nAPR7 6700L "
        "6720H 6570\n\nMAY7 6730L 6750H 6600\n\nJUN7 6780L 6790H 6640\n\n"
        "AUG7 6860L 6880H 6720\n\nOCT7 6980 6800\n\nDEC7 7070H 7040L 6880"),
        "en");
}

static void test_short_text_is_the_fallback(void **state)
{
    /* A German headline: too few letters to tell. */
    assert_string_equal(lang_of(state, "Häuser in der Stadt"), "en");
    assert_string_equal(lang_of(state, "Der Bund hat es beschlossen."), "en");
}

static void test_empty_text_is_the_fallback(void **state)
{
    char out[LANG_MAX];
    assert_string_equal(lang_of(state, ""), "en");
    assert_int_equal(detect_lang(*state, NULL, 0, "de", out), GZ_OK);
    assert_string_equal(out, "de");
    assert_int_equal(detect_lang(*state, "", 0, NULL, out), GZ_OK);
    assert_string_equal(out, "");
}

static void test_invalid_utf8(void **state)
{
    /* Bytes that are no UTF-8 are no letters: garbage is the fallback... */
    char junk[300];
    for (size_t i = 0; i < sizeof junk - 1; i++)
        junk[i] = (char)(0x80 + i % 0x7f);
    junk[sizeof junk - 1] = '\0';
    assert_string_equal(lang_of(state, junk), "en");
    /* ...and stray bytes in German prose do not hide it. */
    assert_string_equal(lang_of(state,
        "Die Bundesregierung hat am Mittwoch beschlossen, dass die H\xe4user "
        "in der Stadt nicht mehr mit Gas geheizt werden d\xfcrfen. Das ist "
        "ein gro\xdf" "er Schritt f\xfcr den Klimaschutz, sagte die "
        "Ministerin, und er wird auch f\xfcr die Mieter nicht billig sein."),
        "de");
}

static void test_answer_is_the_same_on_any_detector(void **state)
{
    /* A pure function of the text: a fresh detector, or the same text
     * again after others, gives the same answer. */
    const char *fr = "Le gouvernement a annoncé mercredi une hausse des impôts "
        "pour les ménages les plus riches, une mesure vivement critiquée par "
        "l'opposition qui dénonce un budget sans ambition.";
    char a[LANG_MAX], b[LANG_MAX];
    detector *other;
    assert_int_equal(detector_new(&other), GZ_OK);
    assert_int_equal(detect_lang(*state, fr, strlen(fr), "en", a), GZ_OK);
    assert_string_equal(lang_of(state, "Shr 27 cts vs 14 cts Net 1,234 vs 987"), "en");
    assert_int_equal(detect_lang(other, fr, strlen(fr), "en", b), GZ_OK);
    assert_string_equal(a, "fr");
    assert_string_equal(b, "fr");
    detector_free(other);
}

static void test_the_fallback_among_candidates_wins(void **state)
{
    /* German text in a German index: German, whatever else is close. */
    char out[LANG_MAX];
    const char *de = "Die Bundesregierung hat am Mittwoch beschlossen, dass die "
        "Häuser in der Stadt nicht mehr mit Gas geheizt werden dürfen.";
    assert_int_equal(detect_lang(*state, de, strlen(de), "de", out), GZ_OK);
    assert_string_equal(out, "de");
}

static void test_bad_arguments(void **state)
{
    char out[LANG_MAX];
    assert_int_equal(detect_lang(NULL, "x", 1, "en", out), GZ_EINVAL);
    assert_int_equal(detect_lang(*state, "x", 1, "en", NULL), GZ_EINVAL);
    assert_int_equal(detect_lang(*state, NULL, 3, "en", out), GZ_EINVAL);
    assert_int_equal(detector_new(NULL), GZ_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_german_paragraph),
        cmocka_unit_test(test_french_paragraph),
        cmocka_unit_test(test_spanish_paragraph),
        cmocka_unit_test(test_portuguese_paragraph),
        cmocka_unit_test(test_dutch_paragraph),
        cmocka_unit_test(test_norwegian_paragraph),
        cmocka_unit_test(test_arabic_paragraph),
        cmocka_unit_test(test_chinese_paragraph),
        cmocka_unit_test(test_short_text_in_a_script_of_its_own),
        cmocka_unit_test(test_english_is_the_fallback),
        cmocka_unit_test(test_figure_table_is_the_fallback),
        cmocka_unit_test(test_short_text_is_the_fallback),
        cmocka_unit_test(test_empty_text_is_the_fallback),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_answer_is_the_same_on_any_detector),
        cmocka_unit_test(test_the_fallback_among_candidates_wins),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
