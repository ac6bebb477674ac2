<?php
/**
 * The block and the shortcode: both render, on the server, the widget's
 * custom element with the numbers to call inside it as plain links (what a
 * patient sees before the script runs, or if it never does), and enqueue the
 * widget's loader once a page.
 *
 * @package InfusionCheck
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Renders <infusion-check> and loads its script.
 */
final class Infusion_Check_Render {

	/** The loader's handle (script or script module). */
	const HANDLE = 'infusion-check';

	/**
	 * The block's attributes => the widget's attributes.
	 */
	const BLOCK_ATTRIBUTES = array(
		'clinicName'      => 'clinic-name',
		'clinicPhone'     => 'clinic-phone',
		'afterHoursPhone' => 'after-hours-phone',
		'emergencyNumber' => 'emergency-number',
		'lang'            => 'lang',
		'infusion'        => 'infusion',
		'therapy'         => 'therapy',
		'therapies'       => 'therapies',
		'accent'          => 'accent',
		'stickyOffset'    => 'sticky-offset',
		'hours'           => 'hours',
		'timezone'        => 'timezone',
	);

	/** The two keys of the drips, read together. */
	const THERAPY_KEYS = array( 'therapy', 'therapies' );

	/**
	 * Hooks the block and the shortcode into WordPress.
	 */
	public static function hooks() {
		add_action( 'init', array( __CLASS__, 'register' ) );
	}

	/**
	 * Registers the block (from block.json) and the shortcode.
	 */
	public static function register() {
		register_block_type(
			dirname( INFUSION_CHECK_FILE ) . '/block',
			array( 'render_callback' => array( __CLASS__, 'render_block' ) )
		);
		add_shortcode( 'infusion_check', array( __CLASS__, 'render_shortcode' ) );
	}

	/**
	 * The loader that comes with the plugin.
	 *
	 * @return string
	 */
	public static function bundled_url() {
		return plugins_url( 'widget/infusion-check.js', INFUSION_CHECK_FILE );
	}

	/**
	 * The block.
	 *
	 * @param array<string, mixed> $attributes The block's attributes.
	 * @return string
	 */
	public static function render_block( $attributes ) {
		$given = array();
		foreach ( self::BLOCK_ATTRIBUTES as $name => $key ) {
			if ( isset( $attributes[ $name ] ) && is_scalar( $attributes[ $name ] ) ) {
				$given[ $key ] = (string) $attributes[ $name ];
			}
		}
		return self::render( $given, get_block_wrapper_attributes() );
	}

	/**
	 * The shortcode: [infusion_check lang="es" clinic_phone="+1 555 0100"]
	 * (clinic-phone, with a hyphen as in the widget, works too).
	 *
	 * @param array<string, string>|string $atts The shortcode's attributes.
	 * @return string
	 */
	public static function render_shortcode( $atts ) {
		$given = array();
		foreach ( (array) $atts as $name => $value ) {
			$key = str_replace( '_', '-', strtolower( (string) $name ) );
			if ( in_array( $key, self::BLOCK_ATTRIBUTES, true ) ) {
				$given[ $key ] = (string) $value;
			}
		}
		return self::render( $given, 'class="infusion-check-shortcode"' );
	}

	/**
	 * The element with its fallback content.
	 *
	 * @param array<string, string> $given   The block's or the shortcode's
	 *                                       values, by widget attribute (empty:
	 *                                       the setting).
	 * @param string                $wrapper The element's own attributes,
	 *                                       already escaped (class ...).
	 * @return string
	 */
	public static function render( $given, $wrapper ) {
		$settings = Infusion_Check_Settings::get();
		$values   = array();
		$tels     = array();
		$problems = array();
		foreach ( Infusion_Check_Settings::FIELDS as $name => $key ) {
			if ( '' === $key ) {
				continue;
			}
			if ( in_array( $key, self::THERAPY_KEYS, true ) ) {
				continue;
			}
			$result = Infusion_Check_Settings::check( $key, $settings[ $name ] );
			$value  = (string) $result['ok'];
			$tel    = $result['tel'];
			if ( isset( $given[ $key ] ) && '' !== trim( $given[ $key ] ) ) {
				$own     = Infusion_Check_Rules::check( $key, $given[ $key ] );
				$refused = null !== $own['error'] && ( null === $own['ok'] || '' === $own['ok'] );
				if ( null !== $own['error'] ) {
					$problems[] = $key . ' "' . Infusion_Check_Rules::shown( $given[ $key ] ) . '": ' . $own['error'] . ( $refused ? ' (the setting is used instead)' : '' );
				}
				if ( ! $refused ) {
					$value = $own['ok'];
					$tel   = $own['tel'];
				}
			}
			$values[ $key ] = $value;
			$tels[ $key ]   = $tel;
		}
		// The drips: the block's or the shortcode's two keys together when
		// either is given, else the settings' (a preset in the settings does
		// not hide a block's list to choose from). A name the widget does not
		// know: every drip is asked about, as the widget does.
		$pair = array( 'therapy' => $settings['therapy'], 'therapies' => $settings['therapies'] );
		foreach ( self::THERAPY_KEYS as $key ) {
			if ( isset( $given[ $key ] ) && '' !== trim( $given[ $key ] ) ) {
				$pair = array(
					'therapy'   => isset( $given['therapy'] ) ? $given['therapy'] : '',
					'therapies' => isset( $given['therapies'] ) ? $given['therapies'] : '',
				);
			}
		}
		$drips = Infusion_Check_Rules::therapy_attributes( $pair['therapy'], $pair['therapies'] );
		foreach ( self::THERAPY_KEYS as $key ) {
			$values[ $key ] = $drips[ $key ];
			if ( isset( $drips['errors'][ $key ] ) ) {
				$problems[] = $key . ' "' . Infusion_Check_Rules::shown( $pair[ $key ] ) . '": ' . $drips['errors'][ $key ];
			}
		}
		if ( 'auto' === $values['lang'] ) {
			$values['lang'] = '';
		}

		self::enqueue();

		$html = '<infusion-check ' . $wrapper;
		foreach ( $values as $key => $value ) {
			if ( '' !== $value ) {
				$html .= ' ' . $key . '="' . esc_attr( $value ) . '"';
			}
		}
		$html .= '>' . self::fallback( $values, $tels ) . '</infusion-check>';

		if ( $problems && current_user_can( 'edit_posts' ) ) {
			$note = '<div class="infusion-check-setup-problems" role="note"><p><strong>' . esc_html__( 'Infusion check: setup problems (only people who can edit posts see this)', 'infusion-check' ) . '</strong></p><ul>';
			foreach ( $problems as $problem ) {
				$note .= '<li>' . esc_html( $problem ) . '</li>';
			}
			$html = $note . '</ul></div>' . $html;
		}
		return $html;
	}

	/**
	 * What a patient sees before the check starts, or if it never does: whom
	 * to call, as plain tel: links, in the element's language (both when it
	 * follows the phone's).
	 *
	 * @param array<string, string>  $values The checked values.
	 * @param array<string, ?string> $tels   The phones' tel: numbers.
	 * @return string
	 */
	private static function fallback( $values, $tels ) {
		$words         = array(
			'en' => array( 'If you feel unwell after your drip, call.', 'Emergency', 'Your clinic', 'After hours' ),
			'es' => array( 'Si se siente mal después de su suero, llame.', 'Emergencia', 'Su clínica', 'Fuera de horario' ),
		);
		$lang          = $values['lang'];
		$say           = function ( $i ) use ( $words, $lang ) {
			return '' === $lang ? $words['en'][ $i ] . ' / ' . $words['es'][ $i ] : $words[ $lang ][ $i ];
		};
		$emergency     = '' !== $values['emergency-number'] ? $values['emergency-number'] : Infusion_Check_Rules::DEFAULT_EMERGENCY;
		$emergency_tel = null !== $tels['emergency-number'] ? $tels['emergency-number'] : Infusion_Check_Rules::DEFAULT_EMERGENCY;
		$name          = '' !== $values['clinic-name'] ? $values['clinic-name'] : $say( 2 );

		$html  = '<p>' . esc_html( $say( 0 ) ) . '</p>';
		$html .= self::call_link( $emergency_tel, $say( 1 ) . ': ' . $emergency );
		if ( null !== $tels['clinic-phone'] ) {
			$html .= self::call_link( $tels['clinic-phone'], $name . ': ' . $values['clinic-phone'] );
		}
		if ( null !== $tels['after-hours-phone'] ) {
			$html .= self::call_link( $tels['after-hours-phone'], $say( 3 ) . ': ' . $values['after-hours-phone'] );
		}
		return $html;
	}

	/**
	 * A paragraph with a tel: link.
	 *
	 * @param string $tel  The number: + and digits only (checked).
	 * @param string $text The link's text.
	 * @return string
	 */
	private static function call_link( $tel, $text ) {
		return '<p><a href="' . esc_url( 'tel:' . $tel, array( 'tel' ) ) . '">' . esc_html( $text ) . '</a></p>';
	}

	/**
	 * Enqueues the loader as a module: WordPress prints it once a page
	 * however many times this is called. WordPress 6.5 and later have script
	 * modules; before, a classic script gets type="module" by a filter.
	 */
	private static function enqueue() {
		$url     = Infusion_Check_Settings::get()['widget_url'];
		$version = null;
		if ( '' === $url ) {
			$url  = self::bundled_url();
			$file = dirname( INFUSION_CHECK_FILE ) . '/widget/infusion-check.js';
			// The loader keeps its name across releases: its date busts caches.
			$version = file_exists( $file ) ? INFUSION_CHECK_VERSION . '-' . filemtime( $file ) : INFUSION_CHECK_VERSION;
		}
		if ( function_exists( 'wp_enqueue_script_module' ) ) {
			wp_enqueue_script_module( self::HANDLE, $url, array(), $version );
			return;
		}
		if ( ! wp_script_is( self::HANDLE, 'registered' ) ) {
			wp_register_script( self::HANDLE, $url, array(), $version, true );
			add_filter( 'script_loader_tag', array( __CLASS__, 'module_tag' ), 10, 3 );
		}
		wp_enqueue_script( self::HANDLE );
	}

	/**
	 * The loader's script tag, as a module (WordPress before 6.5).
	 *
	 * @param string $tag    The tag WordPress made.
	 * @param string $handle The script's handle.
	 * @param string $src    The script's URL.
	 * @return string
	 */
	public static function module_tag( $tag, $handle, $src ) {
		if ( self::HANDLE !== $handle ) {
			return $tag;
		}
		return wp_get_script_tag(
			array(
				'type' => 'module',
				'src'  => $src,
				'id'   => self::HANDLE . '-js',
			)
		);
	}
}
