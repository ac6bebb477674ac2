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
// A zone of the right form that no time zone database knows is refused;
// older names and any case are known, as in a browser.
foreach ( array( 'Mars/Olympus' => null, 'America/Atlantis' => null, 'US/Pacific' => 'US/Pacific', 'america/los_angeles' => 'america/los_angeles', 'UTC' => 'UTC' ) as $zone => $ok ) {
	$got = Infusion_Check_Rules::check( 'timezone', $zone );
	if ( $got['ok'] === $ok && ( null === $ok ) === ( null !== $got['error'] ) ) {
		++$passed;
	} else {
		++$failed;
		fwrite( STDERR, "FAIL timezone $zone: " . json_encode( $got ) . "\n" );
	}
}
// The two therapy keys together, as the element's attributes.
$all     = 'magnesium iron vitamin-c vitamin-drip';
$unknown = function ( $name ) {
	return '"' . $name . '" is not a therapy this check knows (magnesium, iron, vitamin-c, vitamin-drip); the check asks about every therapy offered.';
};
foreach ( array(
	array( '', '', '', '', array() ),
	array( ' , ', '', '', '', array() ),
	array( 'Iron, vitamin-C', '', 'iron vitamin-c', '', array() ),
	array( '', 'vitamin-c iron', '', 'iron vitamin-c', array() ),
	array( '', 'iron', 'iron', '', array() ),
	array( 'magnesium', 'iron vitamin-c', 'magnesium', '', array() ),
	array( 'magnesium', 'iron xyz', 'magnesium', '', array( 'therapies' => $unknown( 'xyz' ) ) ),
	array( 'xyz', 'iron vitamin-c', 'iron vitamin-c', '', array( 'therapy' => $unknown( 'xyz' ) ) ),
	array( 'xyz', 'iron', 'iron', '', array( 'therapy' => $unknown( 'xyz' ) ) ),
	array( 'xyz', '', $all, '', array( 'therapy' => $unknown( 'xyz' ) ) ),
	array( 'xyz', 'abc', $all, '', array( 'therapy' => $unknown( 'xyz' ), 'therapies' => $unknown( 'abc' ) ) ),
	array( '', 'iron abc', $all, '', array( 'therapies' => $unknown( 'abc' ) ) ),
) as $c ) {
	list( $therapy, $therapies ) = $c;
	$want = array(
		'therapy'   => $c[2],
		'therapies' => $c[3],
		'errors'    => $c[4],
	);
	$got  = Infusion_Check_Rules::therapy_attributes( $therapy, $therapies );
	if ( $got === $want ) {
		++$passed;
	} else {
		++$failed;
		fwrite( STDERR, 'FAIL therapy = ' . json_encode( $therapy ) . ', therapies = ' . json_encode( $therapies ) . "\n  want " . json_encode( $want ) . "\n  got  " . json_encode( $got ) . "\n" );
	}
}
echo "rules: $passed passed, $failed failed\n";
exit( $failed ? 1 : 0 );
