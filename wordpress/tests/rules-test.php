<?php
/**
 * The plugin's checker against the cases the widget's own tests read
 * (tests/config-rules.json): each value must come out the same, with the
 * same message. Plain PHP, no WordPress. Run: php wordpress/tests/rules-test.php
 *
 * @package InfusionCheck
 */

define( 'INFUSION_CHECK_RULES_TEST', true );
require __DIR__ . '/../infusion-check/includes/class-infusion-check-rules.php';

$fixture = json_decode( file_get_contents( __DIR__ . '/../../tests/config-rules.json' ), true );
$passed  = 0;
$failed  = 0;
foreach ( $fixture['cases'] as $case ) {
	$got  = Infusion_Check_Rules::check( $case['key'], $case['value'] );
	$want = array(
		'ok'    => $case['ok'] ?? null,
		'tel'   => $case['tel'] ?? null,
		'error' => $case['error'] ?? null,
	);
	// A refused name or drip is used as empty text by the widget: 'ok' is ''.
	if ( $got === $want ) {
		++$passed;
	} else {
		++$failed;
		fwrite( STDERR, 'FAIL ' . $case['key'] . ' = ' . json_encode( $case['value'] ) . "\n  want " . json_encode( $want ) . "\n  got  " . json_encode( $got ) . "\n" );
	}
}
// Invalid UTF-8 never breaks the checker.
$odd = Infusion_Check_Rules::check( 'clinic-name', "Clinic \xff\xfe" );
if ( "Clinic \u{fffd}\u{fffd}" === $odd['ok'] ) {
	++$passed;
} else {
	++$failed;
	fwrite( STDERR, 'FAIL invalid UTF-8: ' . json_encode( $odd ) . "\n" );
}
echo "rules: $passed passed, $failed failed\n";
exit( $failed ? 1 : 0 );
